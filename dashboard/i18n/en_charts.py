"""English texts of the results area's heatmaps, gradient warnings and decision boundaries
(part of :data:`dashboard.i18n.en.TEXT`; Korean in ``ko_charts.py``)."""

CHARTS: dict[str, str] = {
    # layer x epoch heatmaps (dashboard/charts/gradients.py): colour bar title and hover value
    "heat.scale.grad.title": "log10 ‖∂L/∂W‖",
    "heat.scale.grad.hover": "log10 ‖∂L/∂W‖ %{z:.3f}<br>‖∂L/∂W‖ %{customdata:.3e}",
    "heat.scale.dead.title": "dead units (share)",
    "heat.scale.dead.hover": "dead units %{z:.0%}",
    "heat.layer": "layer",
    "heat.layer_axis": "layer (input → output)",
    "heat.nothing": "nothing recorded",
    # the heatmaps' notes and warnings (dashboard/widgets/heatmaps.py)
    "heat.no_relu": "no ReLU-family layer:<br>no unit can die",
    "heat.diverged": "diverged at epoch {epoch}:<br>no epoch recorded",
    "heat.no_epoch_yet": "no epoch recorded yet",
    "heat.died": "the net died at epoch {epoch}: every gradient is 0 from then on, so no weight "
    "changes again (tutorial 2) 3 (4): ReLU units that output 0 for every input pass no gradient "
    "back; He initialization, a smaller learning rate or leaky_relu keep them alive)",
    # gradient warnings under the heatmaps (dashboard/transforms.py grad_flags)
    "grad.zero": "zero gradient in {layers}: nothing reaches it",
    "grad.non_finite": "non-finite gradient norms (NaN or inf)",
    "grad.exploding": "exploding gradients (norm above {norm})",
    "grad.vanishing": "vanishing gradients (first/last layer ratio {ratio})",
    # decision boundaries and predicted vs true (dashboard/charts/predictions.py)
    "pred.p1": "P(class 1)",
    "pred.class": "predicted class",
    "pred.ideal": "ideal",
    "pred.true": "true",
    "pred.predicted": "predicted",
    "pred.true_axis": "true target (validation)",
    "pred.titled": "{label} · epoch {epoch}",
    "pred.diverged": "seed {seed} diverged at epoch {epoch}:<br>no decision boundary to show",
    "pred.nothing": "{status}: nothing to show",
    "pred.imported": "No decision boundaries for uploaded results: a results CSV carries the "
    "curves, not the trained models or their prediction grids. Run the comparison to see what "
    "each variant learned.",
    # the loss and gap charts' note when a diverged run's values lie off the y axis (style.py)
    "chart.off_axis": "a run blew up: values off this axis (hover, or log scale)",
    "chart.off_axis_gap": "a run blew up: values off this axis (hover to see them)",
    # the Runs page's charts of many runs (dashboard/charts/sweep.py)
    "sweep.log": "{name} (log)",
    "sweep.all_runs": "all runs",
    "sweep.y": "{metric} (mean, 95% CI)",
    # which loss the charts show when a variant has a penalty (widgets/result_controls.py)
    "loss.shown": "Loss shown",
    "loss.option.data": "data loss (no penalty)",
    "loss.option.keras": "loss incl. penalty (Keras's)",
    "loss.help": "Keras's loss and val_loss add the L1/L2 penalty to the data loss. A variant "
    "with a penalty then starts far above the others and ranks worse for a number that is not "
    "its error: the data loss compares like with like.",
    "loss.shown_data": "Shown: the data loss, without the regularization penalty of {names}, so "
    "every variant's loss measures the same thing; the results table ranks by it too.",
    "loss.shown_keras": "Shown: Keras's loss, which adds the penalty to the data loss of "
    "{names}; the results table ranks by it too.",
}
