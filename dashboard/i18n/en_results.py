"""English texts of the Compare page's results area: its charts, table, progress and verdicts
(part of :data:`dashboard.i18n.en.TEXT`, kept apart so each file stays one screenful of concern)."""

RESULTS: dict[str, str] = {
    # the results area's charts and table (dashboard/widgets/result_charts.py)
    "charts.line_key": "loss and accuracy: solid = validation, dashed = training",
    "charts.loss": "Loss",
    "charts.log_y": "Log-scale loss",
    "charts.loss_caption": "Tutorial 4) 1 and 5): dashed = training (whole training set, inference "
    "mode), solid = validation. With several seeds the line is their mean and the band its 95% "
    "confidence interval (or the seeds' min to max).",
    "charts.accuracy": "Accuracy",
    "charts.accuracy_axis": "accuracy (fraction correct)",
    "charts.gap": "Overfitting gap",
    "charts.gap_caption": "Tutorial 5): validation minus training loss. A growing gap is "
    "overfitting; the star marks each variant's best epoch (lowest validation loss).",
    "charts.pause": "Pause charts",
    "charts.pause_help": "Hold the charts still while the runs train, to hover over exact values "
    "and zoom in (each refresh draws a chart anew). Training and progress go on.",
    "charts.show": "Show variants",
    "charts.show_help": "Hide or isolate variants in the loss, accuracy and gap charts; the "
    "choice holds while the runs train (a click on a chart's own legend is lost at its next "
    "refresh).",
    # progress of the runs (dashboard/widgets/live.py); status words as the store keeps them
    "live.progress": "**{label}**{seeds}: {done}/{total} epochs · {statuses}",
    "live.seeds": " ({n} seeds)",
    "live.cancel": "Cancel",
    "live.waiting": "Waiting for the first epoch…",
    "status.queued": "queued",
    "status.running": "running",
    "status.done": "done",
    "status.diverged": "diverged",
    "status.failed": "failed",
    "status.cancelled": "cancelled",
    "status.interrupted": "interrupted",
    "table.diverged_at": "diverged at epoch {epochs}",
    # verdicts (dashboard/widgets/evidence.py); the evidence CSV keeps English
    "evidence.band": "Band over seeds",
    "evidence.band_help": "The mean's 95% confidence interval (Student's t over the seeds) says "
    "how sure the mean line is; min–max shows how far single seeds strayed.",
    "evidence.baseline": "Baseline",
    "evidence.metric": "Metric",
    "evidence.title": "Is the difference real?",
    "evidence.need_two": "A verdict compares two variants or more.",
    "evidence.how": "Welch's t-test over the seeds of each variant against the baseline; ± is "
    "the 95% confidence interval of the difference. A difference is called real when "
    "p < {alpha}; otherwise more seeds may still show one.",
    "evidence.download": "Download evidence (CSV)",
    "evidence.download_help": "Every metric per variant: seeds, mean, std, 95% CI half-width, "
    "and the difference from the baseline with its CI, p, Holm p and verdict (as shown here).",
    # the loss, accuracy and gap charts (dashboard/charts/loss.py, gap.py)
    "chart.epoch": "epoch",
    "chart.split.train": "training",
    "chart.split.val": "validation",
    "chart.seeds_hover": "<br>± %{customdata[3]:.3g} (95% CI, %{customdata[2]} seeds)"
    "<br>seeds from %{customdata[0]:.6g} to %{customdata[1]:.6g}",
    "chart.band.ci": "95% CI of the mean",
    "chart.band.range": "min–max of seeds",
    "chart.gap.y": "validation − training loss",
    "chart.gap.best": "best epoch",
    "chart.gap.val_loss": "validation loss",
    "chart.gap.gap": "gap",
    "charts.loss_axis": "loss",
    "charts.loss_named": "loss ({name})",
    "charts.data_loss": "data loss",
    "charts.data_loss_named": "data {title}, no penalty)",
    # heatmaps and decision boundaries (dashboard/widgets/heatmaps.py, predictions.py)
    "heat.grad_title": "Gradient norm per layer (layer × epoch)",
    "heat.grad_caption": "Tutorial 2) 3 (3), 6) 2: log10 of each Dense kernel's gradient norm, "
    "mean over the epoch's steps; one colour scale for all variants. A shade darker is a few times "
    "smaller; vanishing gradients are orders of magnitude smaller in the first rows, and a "
    "warning below the chart then says so.",
    "heat.dead_later": "Dead units per layer appear when the runs finish.",
    "heat.dead_title": "Dead units per layer (layer × epoch)",
    "heat.dead_caption": "Tutorial 2) 3 (4): the share of each ReLU-family layer's units that "
    "output 0 for every training example at the epoch's end (they pass no gradient back), 0 to "
    "1 in every panel. A row turning red is a layer dying.",
    "pred.title": "What each variant learned",
    "pred.final_caption": "Tutorial 2) 1-2: decision regions on the training data (2-D "
    "classification) or predicted vs true on the validation split (regression), after the last "
    "epoch. Each panel is one run, the variant's first seed (its curves above are the mean over "
    "its seeds). Probabilities share one fixed scale, 0 (blue) to 1 (red): 0.5 is white in every "
    "panel.",
    "pred.live_caption": "Tutorial 2) 1-2: decision regions on the training data (a sample of its "
    "points) as the runs train, redrawn every few epochs (each panel names its epoch; the final "
    "picture, with every point, comes when a run finishes). Each panel is the variant's first "
    "seed. Probabilities share one fixed "
    "scale, 0 (blue) to 1 (red): 0.5 is white in every panel.",
    "table.title": "Results",
    "table.caption": "Per variant, over its seeds: each run's best and final validation loss and "
    "accuracy, its epoch of lowest validation loss and the gap (validation minus training loss) "
    "there, as mean ± the half-width of its 95% confidence interval (Student's t; a mean alone "
    "with one seed; n=k where only k seeds have the value); parameter count, iterations per "
    "epoch (tutorial 5): optimizer steps per epoch), the share of steps clipping changed, training "
    "time.",
    "table.variant": "variant",
    "table.status": "status",
    "table.seeds": "seeds",
    "table.best_val_loss": "best val loss",
    "table.final_val_loss": "final val loss",
    "table.best_val_accuracy": "best val accuracy",
    "table.final_val_accuracy": "final val accuracy",
    "table.best_epoch": "best epoch",
    "table.gap_at_best_epoch": "gap at best epoch",
    "table.epochs_done": "epochs done",
    "table.final_train_loss": "final training loss",
    "table.final_train_accuracy": "final training accuracy",
    "table.parameters": "parameters",
    "table.iterations": "iterations / epoch",
    "table.clipped": "clipped steps",
    "table.time": "time per run (s)",
}
