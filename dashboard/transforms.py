"""Turn the experiments' tidy Results frames into what each chart shows (pure pandas, no Streamlit).

Runs are grouped by their ``label``: one label is one variant, several runs under a label are its
repeats (seeds).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

VANISHING_RATIO = 1e-3  # first/last layer gradient ratio under which gradients vanished
EXPLODING_NORM = 1e3  # a kernel gradient norm above this is called exploding


def variant_order(runs: pd.DataFrame) -> list[str]:
    """Variant labels in order of first appearance in ``runs`` (one row per run)."""
    return list(dict.fromkeys(runs["label"].tolist()))


def _with_label(frame: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    return frame.merge(runs[["run_id", "label"]], on="run_id", how="inner")


def curves(epochs: pd.DataFrame, runs: pd.DataFrame, metric: str = "loss") -> pd.DataFrame:
    """Mean and min-max band of ``metric`` over each variant's repeats.

    Parameters
    ----------
    epochs : DataFrame
        One row per run x epoch x split: ``run_id, epoch, split, <metric>``.
    runs : DataFrame
        One row per run: ``run_id, label``.
    metric : str
        ``"loss"`` or ``"accuracy"``.

    Returns
    -------
    DataFrame
        One row per label x split x epoch: ``label, split, epoch, mean, low, high, n``.
        Non-finite values (a diverged step) are left out of the statistics.
    """
    df = _with_label(epochs[["run_id", "epoch", "split", metric]], runs)
    df = df.replace([np.inf, -np.inf], np.nan).dropna(subset=[metric])
    grouped = df.groupby(["label", "split", "epoch"], sort=True)[metric]
    return grouped.agg(mean="mean", low="min", high="max", n="count").reset_index()


def gap(curve: pd.DataFrame) -> pd.DataFrame:
    """Overfitting gap (validation minus training loss) per variant and epoch.

    Parameters
    ----------
    curve : DataFrame
        Output of :func:`curves` for the loss.

    Returns
    -------
    DataFrame
        ``label, epoch, gap, val`` (mean validation loss), epochs where both splits exist.
    """
    # one row per label, split and epoch: a reshape, not pivot_table's aggregation (twice as slow)
    wide = curve.pivot(index=["label", "epoch"], columns="split", values="mean")
    if not {"train", "val"} <= set(wide.columns):
        return pd.DataFrame(columns=["label", "epoch", "gap", "val"])
    out = pd.DataFrame({"gap": wide["val"] - wide["train"], "val": wide["val"]}).dropna()
    return out.reset_index()


def best_epochs(curve: pd.DataFrame) -> pd.DataFrame:
    """Epoch of lowest mean validation loss per variant: ``label, epoch, val``."""
    val = curve[curve["split"] == "val"]
    if val.empty:
        return pd.DataFrame(columns=["label", "epoch", "val"])
    idx = val.groupby("label")["mean"].idxmin()
    return val.loc[idx, ["label", "epoch", "mean"]].rename(columns={"mean": "val"})


def grad_matrices(layers: pd.DataFrame, runs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """log10 of the kernel gradient norm, layer x epoch, for every variant.

    Repeats are combined by averaging the log10 values (a geometric mean of the norms).

    Returns
    -------
    dict of str to DataFrame, each shape (n_dense_layers, n_epochs)
        Variant label (in variant order) to a frame indexed by layer name in model order, with
        epochs as columns. Zero norms give ``-inf``, kept so the caller can flag them.
    """
    df = _with_label(layers, runs)
    # Layers without a kernel (activation, dropout, normalization) have no norm at all; a Dense
    # layer's NaN norm in a diverged epoch is kept, so the flags can name it.
    has_kernel = df.groupby(["label", "layer_index"])["grad_norm_mean"].transform("count") > 0
    df = df[has_kernel]
    with np.errstate(divide="ignore", invalid="ignore"):
        log10 = np.log10(df["grad_norm_mean"].to_numpy(dtype=float))
    df = df.assign(log10=log10)
    keys = ["label", "layer_index", "layer_name", "epoch"]
    mean = df.groupby(keys, sort=True)["log10"].mean()
    # Unstacked per variant: a variant still training has fewer epochs than the others, and
    # the epochs it has not reached are no part of its matrix (not NaN norms to flag).
    per_label = {
        label: part.droplevel(["label", "layer_index"]).unstack("epoch")
        for label, part in mean.groupby(level="label", sort=False)
    }
    return {label: per_label.get(label, pd.DataFrame()) for label in variant_order(runs)}


def grad_matrix(layers: pd.DataFrame, runs: pd.DataFrame, label: str) -> pd.DataFrame:
    """:func:`grad_matrices` for one variant."""
    return grad_matrices(layers, runs)[label]


def grad_flags(matrix: pd.DataFrame) -> list[str]:
    """Warnings for one variant's gradient matrix from :func:`grad_matrix`.

    Vanishing: the first layer's gradient norm, averaged in log space over epochs, is below
    ``VANISHING_RATIO`` times the last layer's. Exploding: any norm above ``EXPLODING_NORM``.
    A layer whose gradient is zero in every epoch (``-inf``) and NaN or infinite norms are named.
    """
    if matrix.empty:
        return []
    flags = []
    values = matrix.to_numpy(dtype=float)
    zero_rows = [
        name for name, row in zip(matrix.index, values, strict=True) if np.all(row == -np.inf)
    ]
    if zero_rows:
        flags.append(f"zero gradient in {', '.join(map(str, zero_rows))}: nothing reaches it")
    if np.isnan(values).any() or np.isposinf(values).any():
        flags.append("non-finite gradient norms (NaN or inf)")
    if np.nanmax(np.where(np.isfinite(values), values, -np.inf)) > np.log10(EXPLODING_NORM):
        flags.append(f"exploding gradients (norm above {EXPLODING_NORM:g})")
    with np.errstate(invalid="ignore"):  # -inf - -inf: a dead layer, flagged above
        first, last = np.nanmean(values[0]), np.nanmean(values[-1])
        ratio = first - last
    if len(values) > 1 and np.isfinite(ratio) and ratio < np.log10(VANISHING_RATIO):
        flags.append(f"vanishing gradients (first/last layer ratio {10**ratio:.1e})")
    return flags


def _status_text(group: pd.DataFrame) -> str:
    """One status for a variant's runs; a divergence names the epoch it happened in."""
    statuses = list(dict.fromkeys(group["status"].astype(str)))
    texts = []
    for status in statuses:
        if status == "diverged" and "diverged_epoch" in group:
            epochs = group.loc[group["status"] == "diverged", "diverged_epoch"].dropna()
            where = ", ".join(str(int(e)) for e in epochs)
            texts.append(f"diverged at epoch {where}" if where else "diverged")
        else:
            texts.append(status)
    return " / ".join(texts)


def _stat(series: pd.Series, how: str) -> float | None:
    """``series.<how>()`` as a float, or None when nothing is recorded yet."""
    series = series.dropna()
    return None if series.empty else float(getattr(series, how)())


def _variant_row(label: str, group: pd.DataFrame, val: pd.DataFrame, acc: pd.DataFrame) -> dict:
    best = val.loc[val["mean"].idxmin()] if not val.empty else None
    n_params = _stat(group["n_params"], "max")
    return {
        "variant": label,
        "status": _status_text(group),
        "best val loss": None if best is None else float(best["mean"]),
        "best epoch": None if best is None else int(best["epoch"]),
        "last val loss": _stat(val["mean"].tail(1), "max"),
        "best val accuracy": _stat(acc["mean"], "max"),
        "last val accuracy": _stat(acc["mean"].tail(1), "max"),
        "parameters": None if n_params is None else int(n_params),
        "seeds": len(group),
        "time per run (s)": _stat(group["duration_s"], "mean"),
    }


def results_table(runs: pd.DataFrame, loss: pd.DataFrame, accuracy: pd.DataFrame) -> pd.DataFrame:
    """The results table: one row per variant, in variant order.

    Parameters
    ----------
    runs : DataFrame
        One row per run: ``run_id, label, status, diverged_epoch, n_params, duration_s``.
    loss, accuracy : DataFrame
        Outputs of :func:`curves` for ``"loss"`` and ``"accuracy"`` (accuracy may be empty).

    Returns
    -------
    DataFrame
        Columns: variant, status, best val loss, best epoch, last val loss, best val accuracy,
        last val accuracy, parameters, seeds, time per run (s).
    """
    rows = []
    for label in variant_order(runs):
        val = loss[(loss["label"] == label) & (loss["split"] == "val")].sort_values("epoch")
        acc = accuracy[(accuracy["label"] == label) & (accuracy["split"] == "val")]
        rows.append(
            _variant_row(label, runs[runs["label"] == label], val, acc.sort_values("epoch"))
        )
    return pd.DataFrame(rows)


def progress(runs: pd.DataFrame, epochs: pd.DataFrame) -> pd.DataFrame:
    """Per-run progress: ``run_id, label, status, done_epochs, total_epochs``.

    ``runs`` must carry ``config_json`` (whose ``epochs`` field is read); ``epochs_done`` is
    used when present, else the last epoch in ``epochs``.
    """
    done = epochs.groupby("run_id")["epoch"].max()
    out = runs[["run_id", "label", "status"]].copy()
    # the store counts epochs itself; CSV imports and tests only have the epochs frame
    counted = runs["epochs_done"] if "epochs_done" in runs else out["run_id"].map(done)
    out["done_epochs"] = counted.fillna(0).astype(int).to_numpy()
    out["total_epochs"] = runs["config_json"].map(lambda s: int(json.loads(s)["epochs"]))
    return out
