"""Command line: ``python -m experiments run FILE.json`` and ``python -m experiments export``.

Its imports stay lean: pandas (with pyarrow, about 0.4 s) is imported only where a table is
written, so ``--help`` and the start of a sweep do not wait for it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from experiments.results import EXPORT_FORMATS
from experiments.results.csv_stream import CsvStream, StreamThread
from experiments.results.schema import COMPLETED
from experiments.results.store import Store
from experiments.results.storefile import StoreError
from experiments.run import sweep
from experiments.spec.bounded import clip, shorten
from experiments.spec.config import (
    MAX_HIDDEN_LAYERS,
    MAX_WIDTH,
    ExperimentConfig,
    config_from_dict,
    field_specs,
)
from experiments.spec.errors import ConfigError
from experiments.spec.fields import describe
from experiments.spec.validation import validate
from experiments.spec.variants import MAX_VARIANTS, vary_one_knob

BAR_WIDTH = 30
MAX_MESSAGE = 600  # a message is a few lines, whatever the input echoed into it
PLAN_SHAPES = 'accepted: a non-empty list of configs or {"base": ..., "vary": ..., "values": ...}'
SIZE_LIMITS = {"depth": MAX_HIDDEN_LAYERS, "width": MAX_WIDTH}


MAX_PLAN_BYTES = 1_000_000  # eight configs take about 8 KB


def _load_plan(path: Path) -> object:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PLAN_BYTES + 1)
        if len(data) > MAX_PLAN_BYTES:
            raise ConfigError("FILE", f"{path} is over {MAX_PLAN_BYTES:,} bytes; accepted: a plan")
        return json.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError("FILE", f"cannot read {shorten(str(path))} as JSON: {error}") from None
    except RecursionError:
        raise ConfigError("FILE", f"{shorten(str(path))} is nested too deeply") from None


def _check_sweep(plan: dict) -> None:
    """The sweep's shape, before anything is built from it (``depth`` builds a tuple)."""
    if not isinstance(plan["base"], dict):
        raise ConfigError("base", f"received {shorten(plan['base'])}; accepted: a config object")
    if not isinstance(plan["vary"], str):
        raise ConfigError("vary", f"received {shorten(plan['vary'])}; accepted: a field name")
    values = plan["values"]
    if not isinstance(values, list) or not 1 <= len(values) <= MAX_VARIANTS:
        accepted = f"a list of 1 to {MAX_VARIANTS} values"
        raise ConfigError("values", f"received {shorten(values)}; accepted: {accepted}")
    if plan["vary"] in SIZE_LIMITS:
        high = SIZE_LIMITS[plan["vary"]]
        for value in values:
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
                raise ConfigError(
                    plan["vary"],
                    f"received {shorten(value)}; accepted: an integer from 0 to {high}",
                )


def read_plan(path: Path) -> tuple[list[ExperimentConfig], list[str]]:
    """Configs and labels from a JSON list of config dicts or a one-knob sweep
    ``{"base": {...}, "vary": "field", "values": [...]}``."""
    plan = _load_plan(path)
    try:
        if sweep.is_grid(plan):
            return sweep.expand(plan)
        if isinstance(plan, dict) and {"base", "vary", "values"} <= set(plan):
            _check_sweep(plan)
            configs = vary_one_knob(config_from_dict(plan["base"]), plan["vary"], plan["values"])
            return configs, [clip(f"{plan['vary']}={json.dumps(v)}", 40) for v in plan["values"]]
        if not isinstance(plan, list) or not plan or not all(isinstance(c, dict) for c in plan):
            raise ConfigError("FILE", PLAN_SHAPES)
        configs = [config_from_dict(item) for item in plan]
        for config in configs:  # before config_id, which hashes the values
            validate(config)
        return configs, differences(configs)
    except (TypeError, RecursionError) as error:
        # a value of the wrong shape that the config itself does not catch yet
        raise ConfigError("FILE", f"a config in it is malformed ({clip(str(error))})") from None


def differences(configs: Sequence[ExperimentConfig]) -> list[str]:
    """A label per config naming the fields in which the configs differ (``lr=0.1 ...``)."""
    dicts = [c.to_dict() for c in configs]
    varying = [k for k in dicts[0] if len({json.dumps(d[k]) for d in dicts}) > 1]
    return [
        clip(" ".join(f"{k}={json.dumps(d[k])}" for k in varying), 60) or configs[i].config_id
        for i, d in enumerate(dicts)
    ]


def progress_line(done: int, total: int, finished: int, runs: int) -> str:
    """``[#####-----]  50% 10/20 epochs | 1/2 runs finished``."""
    share = done / total if total else 1.0
    filled = round(BAR_WIDTH * share)
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    return f"[{bar}] {share:4.0%} {done}/{total} epochs | {finished}/{runs} runs finished"


def check_out(out: str | None) -> None:
    """Refuse an ``--out`` that cannot be written, before any training starts."""
    if out in (None, "-"):
        return
    path = Path(out)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
        problem = "is a folder" if path.is_dir() else "is in a folder that cannot be written"
        raise ConfigError("--out", f"{shorten(out)} {problem}; accepted: a writable file path")


def write_out(
    store: Store, run_ids: list[str], out: str | None, stream: CsvStream | None = None
) -> int:
    """Write the runs' CSV to ``out`` (standard output for ``None`` or ``-``); bytes written.
    A ``stream`` holds the rows of the runs that finished first, formatted while the others
    trained."""
    from experiments.results.export import write_csv

    to_stdout = out in (None, "-")
    binary = getattr(sys.stdout, "buffer", None) if to_stdout else None
    if stream is not None and to_stdout and binary is not None:
        sys.stdout.flush()
        return stream.finish(binary)
    if stream is not None and not to_stdout:
        with Path(out).open("wb") as handle:
            stream.finish(handle)
        return Path(out).stat().st_size
    if stream is not None:
        stream.close()
    if to_stdout:
        return write_csv(store, run_ids, sys.stdout)
    with Path(out).open("w", encoding="utf-8", newline="") as handle:
        write_csv(store, run_ids, handle)
    return Path(out).stat().st_size


def run_command(args: argparse.Namespace) -> int:
    check_out(args.out)
    with closing(Store(args.store)) as store:
        return _run(args, store)


def _run(args: argparse.Namespace, store: Store) -> int:
    if store.read_only:
        raise StoreError(store.path, "read-only", "runs can be read and exported, not saved")
    configs, labels = read_plan(Path(args.file))
    for label, warning in sweep.check_all(configs, labels):
        print(f"warning ({label}): {warning}", file=sys.stderr)
    print(f"plan: {sweep.describe(configs)}", file=sys.stderr)
    if args.resume or args.scheduler:
        configs, labels = sweep.per_seed(configs, labels)
    if args.resume:
        planned = len(configs)
        configs, labels = sweep.missing(store, configs, labels)
        print(f"resume: {planned - len(configs)} of {planned} runs already done", file=sys.stderr)
    if not configs:
        return 0
    csv = StreamThread(store)  # the CSV is written while the sweep trains
    try:
        run_ids = sweep.execute(
            store, configs, labels, owner=args.owner, workers=args.workers,
            scheduler=args.scheduler, out=sys.stderr, line=progress_line, started=csv.start,
        )  # fmt: skip
    except KeyboardInterrupt:
        stream = csv.stop()
        if stream is not None:
            stream.close()
        print("\ninterrupted: stopping the workers", file=sys.stderr)
        return 130
    size = write_out(store, run_ids, args.out, csv.stop())
    runs = final_statuses(store, run_ids)
    for row in runs:
        error = "" if row["error"] is None else f"  ({row['error']})"
        print(f"{row['run_id']}  {row['status']:<11} {row['label']}{error}", file=sys.stderr)
    print(f"wrote {args.out} ({len(run_ids)} runs, {size / 1e6:.1f} MB)", file=sys.stderr)
    return 0 if all(row["status"] in COMPLETED for row in runs) else 1


def final_statuses(store: Store, run_ids: Sequence[str]) -> list[dict]:
    """``run_id``, ``status``, ``label`` and ``error`` of each run, in ``run_ids`` order."""
    found: dict[str, dict] = {}
    for start in range(0, len(run_ids), 500):  # SQLite's limit on bound parameters
        chunk = list(run_ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT run_id, status, label, error FROM runs WHERE run_id IN ({marks})"
        found |= {row["run_id"]: row for row in store.query(sql, chunk)}
    return [found[run_id] for run_id in run_ids if run_id in found]


def export_command(args: argparse.Namespace) -> int:
    from experiments.results import parquet
    from experiments.results.frames import read_runs

    if args.evidence:
        from experiments.results.evidence_export import store_evidence, write_evidence

        check_out(args.out)
        with closing(Store(args.store)) as store:
            table = store_evidence(store, args.owner, args.metric, args.baseline)
        print(write_evidence(table, args.out), file=sys.stderr)
        return 0
    if args.metric or args.baseline:
        raise ConfigError("--metric", "--metric and --baseline go with --evidence")
    fmt = parquet.export_format(args.out, args.format)
    if args.summary or fmt != "parquet":  # Parquet tables go into a folder, made by the export
        check_out(args.out)
    with closing(Store(args.store)) as store:
        if args.summary or fmt == "parquet":
            done = parquet.export(store, args.out, owner=args.owner, summary=args.summary, fmt=fmt)
            print(done, file=sys.stderr)
            return 0
        run_ids = read_runs(store, owner=args.owner)["run_id"].tolist()
        size = write_out(store, run_ids, args.out)
    if args.out not in (None, "-"):
        print(f"wrote {args.out} ({len(run_ids)} runs, {size / 1e6:.1f} MB)", file=sys.stderr)
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
    export.add_argument("--format", choices=EXPORT_FORMATS, default=None,
                        help="csv, or parquet (the full tables: --out is a folder)")  # fmt: skip
    export.add_argument(
        "--evidence",
        action="store_true",
        help="per variant x metric: mean, 95%% CI over seeds, verdict",
    )
    export.add_argument("--metric", default=None, help="with --evidence: only this metric")
    export.add_argument(
        "--baseline",
        default=None,
        help="with --evidence: the variant compared with (default the first)",
    )
    export.set_defaults(handler=export_command)
    fields = sub.add_parser("fields", help="list the config fields a plan file can set")
    fields.set_defaults(handler=fields_command)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for an invalid file, config, store or --out)."""
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    # ConfigError, QueueFullError, CsvFormatError and JSON errors are ValueErrors; OSError:
    # --out or the store failed while writing
    except (ValueError, StoreError, OSError, RecursionError) as error:
        text = str(error) if not isinstance(error, RecursionError) else "input nested too deeply"
        print(f"error: {clip(text, MAX_MESSAGE)}", file=sys.stderr)
        return 2
