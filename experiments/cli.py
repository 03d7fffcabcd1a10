"""Command line: ``python -m experiments run FILE.json`` and ``python -m experiments export``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from experiments.results import parquet
from experiments.results.export import export_csv
from experiments.results.frames import read_results, read_runs
from experiments.results.store import Store
from experiments.run import sweep
from experiments.spec.config import (
    ConfigError,
    ExperimentConfig,
    config_from_dict,
    field_specs,
)
from experiments.spec.fields import describe
from experiments.spec.variants import vary_one_knob

BAR_WIDTH = 30
OK_STATUSES = ("done", "diverged")


def read_plan(path: Path) -> tuple[list[ExperimentConfig], list[str]]:
    """Configs and labels from a JSON list of config dicts or a one-knob sweep
    ``{"base": {...}, "vary": "field", "values": [...]}``."""
    try:
        plan = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ConfigError("FILE", f"cannot read {str(path)!r} as JSON: {error}") from error
    if sweep.is_grid(plan):
        return sweep.expand(plan)
    if isinstance(plan, dict) and {"base", "vary", "values"} <= set(plan):
        configs = vary_one_knob(config_from_dict(plan["base"]), plan["vary"], plan["values"])
        return configs, [f"{plan['vary']}={json.dumps(v)}" for v in plan["values"]]
    if not isinstance(plan, list) or not plan:
        raise ConfigError(
            "FILE",
            'accepted: a non-empty list of configs or {"base": ..., "vary": ..., "values": ...}',
        )
    configs = [config_from_dict(item) for item in plan]
    return configs, differences(configs)


def differences(configs: Sequence[ExperimentConfig]) -> list[str]:
    """A label per config naming the fields in which the configs differ (``lr=0.1 ...``)."""
    dicts = [c.to_dict() for c in configs]
    varying = [k for k in dicts[0] if len({json.dumps(d[k]) for d in dicts}) > 1]
    return [
        " ".join(f"{k}={json.dumps(d[k])}" for k in varying) or configs[i].config_id
        for i, d in enumerate(dicts)
    ]


def progress_line(done: int, total: int, finished: int, runs: int) -> str:
    """``[#####-----]  50% 10/20 epochs | 1/2 runs finished``."""
    share = done / total if total else 1.0
    filled = round(BAR_WIDTH * share)
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    return f"[{bar}] {share:4.0%} {done}/{total} epochs | {finished}/{runs} runs finished"


def run_command(args: argparse.Namespace) -> int:
    configs, labels = read_plan(Path(args.file))
    for label, warning in sweep.check_all(configs, labels):
        print(f"warning ({label}): {warning}", file=sys.stderr)
    print(f"plan: {sweep.describe(configs)}", file=sys.stderr)
    store = Store(args.store)
    if args.resume or args.scheduler:
        configs, labels = sweep.per_seed(configs, labels)
    if args.resume:
        planned = len(configs)
        configs, labels = sweep.missing(store, configs, labels)
        print(f"resume: {planned - len(configs)} of {planned} runs already done", file=sys.stderr)
    if not configs:
        return 0
    try:
        run_ids = sweep.execute(
            store, configs, labels, owner=args.owner, workers=args.workers,
            scheduler=args.scheduler, out=sys.stderr, line=progress_line,
        )  # fmt: skip
    except KeyboardInterrupt:
        print("\ninterrupted: stopping the workers", file=sys.stderr)
        return 130
    results = read_results(store, run_ids)
    Path(args.out).write_text(export_csv(results), encoding="utf-8")
    for row in results.runs.to_dict("records"):
        error = "" if pd.isna(row["error"]) else f"  ({row['error']})"
        print(f"{row['run_id']}  {row['status']:<11} {row['label']}{error}", file=sys.stderr)
    print(f"wrote {args.out} ({len(run_ids)} runs)", file=sys.stderr)
    return 0 if results.runs["status"].isin(OK_STATUSES).all() else 1


def export_command(args: argparse.Namespace) -> int:
    store = Store(args.store)
    fmt = parquet.export_format(args.out, args.format)
    if args.summary or fmt == "parquet":
        done = parquet.export(store, args.out, owner=args.owner, summary=args.summary, fmt=fmt)
        print(done, file=sys.stderr)
        return 0
    run_ids = read_runs(store, owner=args.owner)["run_id"].tolist()
    text = export_csv(read_results(store, run_ids))
    if args.out in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out} ({len(run_ids)} runs)", file=sys.stderr)
    return 0


def fields_command(args: argparse.Namespace) -> int:
    print(describe(field_specs(), ExperimentConfig().to_dict()))
    return 0


def parser() -> argparse.ArgumentParser:
    """The ``python -m experiments`` argument parser."""
    main = argparse.ArgumentParser(prog="python -m experiments", description=__doc__)
    sub = main.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="train configs headless into the store and write a CSV")
    run.add_argument("file", help="JSON: a list of configs, or {base, vary, values}")
    run.add_argument("--workers", type=int, default=None, help="processes (default: cores)")
    run.add_argument("--out", default="results.csv", help="CSV to write (default results.csv)")
    run.add_argument("--store", default=None, help="SQLite file (default $GRADLAB_STORE)")
    run.add_argument("--owner", default="cli", help="owner tag of the runs (default cli)")
    run.add_argument("--scheduler", default=None, help="'local' or a Dask scheduler address")
    run.add_argument("--resume", action="store_true", help="skip (config, seed) pairs done")
    run.set_defaults(handler=run_command)
    export = sub.add_parser("export", help="write the CSV of stored runs")
    export.add_argument("--store", default=None, help="SQLite file (default $GRADLAB_STORE)")
    export.add_argument("--owner", default=None, help="only this owner's runs")
    export.add_argument("--out", default=None, help="file (default: standard output)")
    export.add_argument("--summary", action="store_true", help="one row per run: config, metrics")
    export.add_argument("--format", choices=parquet.FORMATS, default=None,
                        help="csv, or parquet (the full tables: --out is a folder)")  # fmt: skip
    export.set_defaults(handler=export_command)
    fields = sub.add_parser("fields", help="list the config fields a plan file can set")
    fields.set_defaults(handler=fields_command)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for an invalid config or file)."""
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except ValueError as error:  # ConfigError, QueueFullError, CsvFormatError
        print(f"error: {error}", file=sys.stderr)
        return 2
