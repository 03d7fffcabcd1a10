"""English texts: the complete catalogue every other language falls back to.

Keys are dotted by place; values are ``str.format`` templates. ``tests/dashboard/test_i18n.py``
checks that every key is used and every used key is here and in every language.
"""

from dashboard.i18n.en_charts import CHARTS
from dashboard.i18n.en_notices import NOTICES
from dashboard.i18n.en_results import RESULTS
from dashboard.views.runs_text import english as runs_english

TEXT: dict[str, str] = {
    # navigation
    "page.compare": "Compare",
    "page.runs": "Runs",
    "page.activations": "Activations",
    "page.backprop": "Backprop",
    # Activations page
    "act.title": "Activation functions and their derivatives",
    "act.caption": "Tutorial 2) 3: what each activation does to the signal going forward and back.",
    "act.shown": "Activations",
    "act.span": "z range (±)",
    "act.dead_region": "dead region:<br>output 0,<br>gradient 0",
    "act.step_region": "gradient 0<br>everywhere<br>(undefined<br>at z = 0)",
    "act.note.step": "The step's derivative is 0 everywhere (undefined at 0): no gradient ever "
    "reaches the weights, which is why the perceptron's step was replaced by smooth functions.",
    "act.note.sigmoid": "sigmoid'(z) = a(1 − a) is at most 0.25 (at z = 0): every sigmoid layer "
    "multiplies the backward signal by 0.25 or less, so deep sigmoid nets lose their gradient.",
    "act.note.tanh": "tanh is centred on 0 and its slope reaches 1, but it still saturates for "
    "|z| > 2.",
    "act.note.relu": "For z < 0 both the output and the gradient are 0: a unit stuck there is "
    "dead and stops learning (dying ReLU). For z > 0 the slope is exactly 1, so gradients pass "
    "unchanged.",
    "act.note.leaky_relu": "A small slope (Keras: 0.2) for z < 0 keeps a gradient flowing, so "
    "units cannot die.",
    "act.note.linear": "A straight line: stacking linear layers gives one linear layer (see "
    "below).",
    "act.linear.title": "Why a linear activation collapses depth",
    "act.linear.body": "Without a non-linear activation, two layers compute "
    "$y = (xW_1 + b_1)W_2 + b_2 = x(W_1W_2) + (b_1W_2 + b_2)$: one layer with kernel "
    "$W_1W_2$. However many linear layers you stack, the network can only draw a straight "
    "decision boundary (tutorial 2) 3): activations must be non-linear).",
    "act.linear.two": "two linear layers",
    "act.linear.one": "one layer W1·W2",
    "act.linear.caption": "Four random inputs through 2→3→1 linear layers and through their "
    "product kernel.",
    "act.softmax.title": "Softmax: scores into class probabilities",
    "act.softmax.body": "A multi-class output layer (tutorial 2) 3 and 4) 1) turns its scores $z$ "
    "into probabilities $p_i = e^{{z_i}} / \\sum_j e^{{z_j}}$: all positive, summing to 1. "
    "Unlike the functions above it couples its outputs, so it has no curve of one variable: "
    "raising one score lowers every other probability, "
    "$\\partial p_i / \\partial z_j = p_i(\\delta_{{ij}} - p_j)$. With two classes it is the "
    "sigmoid of $z_1 - z_2$.",
    "act.softmax.score": "score z{k}",
    "act.softmax.class": "class {k}",
    "act.softmax.jacobian": "The Jacobian ∂p/∂z: positive on the diagonal, negative elsewhere.",
    "act.depth.title": "How fast sigmoid gradients shrink with depth",
    "act.depth.layers": "sigmoid layers",
    "act.depth.factor": "largest possible factor 0.25ⁿ",
    "act.depth.caption": "Tutorial 2) 3 (3): after 10 sigmoid layers the gradient is scaled by at "
    "most ~1e-6.",
    "chart.act.x": "pre-activation z",
    "chart.act.y": "value",
    "chart.softmax.y": "probability",
    # Backprop page
    "bp.title": "Backpropagation, step by step",
    "bp.caption": "Seed section 4-3: a 2-2-2 network, sigmoid everywhere, no biases, "
    "E = ½(t1 − o1)² + ½(t2 − o2)² (Keras's `mse` with two outputs), one step of gradient "
    "descent. Every number below is computed by gradlab's core "
    "(`core.backprop.trace_train_step`); the defaults reproduce the tutorial.",
    "bp.inputs": "Input and target",
    "bp.hidden_weights": "Hidden weights",
    "bp.output_weights": "Output weights",
    "bp.descent": "Gradient descent",
    "bp.lr": "learning rate",
    "bp.compute": "Compute the step",
    "bp.col.quantity": "quantity",
    "bp.col.value": "value",
    "bp.col.weight": "weight",
    "bp.col.path": "path",
    "bp.col.before": "before",
    "bp.col.after": "after",
    "bp.col.dz/dw (input)": "dz/dw (input)",
    "bp.after.title": "5. After the step",
    "bp.after.before": "E_total before",
    "bp.after.after": "E_total after",
    "bp.diagram": "Inputs x, hidden units h = sigmoid(z), outputs o = sigmoid(z): the values of "
    "the forward pass below, with each weight on its edge (before the step).",
    "bp.forward.title": "1. Forward pass",
    "bp.forward.caption": "z = x·W (no bias), h = sigmoid(z), then the same for the output layer.",
    "bp.error.title": "2. Error",
    "bp.error.caption": "Each output's half squared error; their sum is Keras's mse here.",
    "bp.output.title": "3. Output layer: dE/dw = dE/do · do/dz · dz/dw",
    "bp.output.caption": "do/dz = o(1 − o) for sigmoid; dz/dw is the hidden unit feeding the "
    "weight. The new weight is w − learning rate · dE/dw.",
    "bp.hidden.title": "4. Hidden layer: dE/dw = dE/dh · dh/dz · dz/dw",
    "bp.hidden.caption": "dE/dh sums what both outputs send back (each δ times the output "
    "weight, before the update); dz/dw is the input feeding the weight.",
    # dashboard/guard.py: what a page shows instead of a traceback
    "guard.failed": "Something went wrong on this page ({kind}: {error}). Your settings are "
    "kept; change the input at fault or reload the page.",
    "guard.store": "The run store cannot be used: {error}",
    "guard.fresh_store": "Start a fresh store (the old file is kept beside it)",
    # the comparison form (dashboard/widgets: comparison_form, variant_form, fields, data_form)
    "form.data": "Data, shared by every variant",
    "form.run": "▶ Run",
    "form.variants": "Variants",
    "form.choose": "Choose an option",
    "form.copy": "Copy this variant",
    "form.apply": "Apply",
    "form.blocked": "Run is blocked: {first}{more}",
    "form.blocked_more": " (and {n} more, marked above)",
    "form.label": "Label",
    "form.label_error": "label {label} must be non-empty and unique",
    "form.variant_count": "a comparison has {low} to {high} variants; it has {n}",
    "form.depth": "Hidden layers",
    "form.width": "Units each",
    "form.optimizer_details": "Optimizer details",
    "form.more": "Regularization, clipping, seeds",
    "form.mini_batch": "Mini-batch size",
    "form.regime.full": "full batch",
    "form.regime.sgd": "SGD (batch 1)",
    "form.regime.mini": "mini-batch",
    "form.keras_default": "Keras default",
    "form.keras_default_for": "Keras default for {optimizer}: {value}",
    "form.default": "default",
    "form.same_settings": "same settings as the others",
    "task.binary": "binary",
    "task.multiclass": "multiclass",
    "task.regression": "regression",
    # above the form (dashboard/widgets/setup_bar.py)
    "setup.preset": "Lesson preset",
    "setup.load": "Load preset",
    "setup.modified": "Modified since it was loaded: the comparison below is yours, not the "
    "lesson's.",
    "setup.press_load": "Press **Load preset** to replace the comparison with “{title}”.",
    "preset.caption": "**Tutorial {section}.** {explanation}",
    "setup.manage": "Manage variants: add, duplicate, remove, vary one knob",
    "setup.pick_lesson": "Choose a lesson to load",
    "setup.variant": "Variant",
    "setup.duplicate": "Duplicate",
    "setup.remove": "Remove",
    "setup.add": "Add new",
    "setup.copy_note": "Duplicate and vary copy the last applied settings; a card's own copy "
    "button copies what it shows.",
    "setup.vary": "Vary one knob",
    "setup.field": "Field",
    "setup.values": "Values (comma-separated)",
    "setup.then": "Then",
    "setup.mode.add": "add them to the comparison",
    "setup.mode.replace": "replace the comparison",
    "setup.make": "Make variants",
    "setup.vary_note": "Variants of “{name}” that differ only in {knob}.",
    # the data preview (dashboard/widgets/data_preview.py, dashboard/charts/data_preview.py)
    "preview.title": "The data",
    "preview.cannot": "The data cannot be prepared with these settings: {error}",
    "preview.classes": "{n} classes",
    "preview.noise": "; noise {noise} ({meaning})",
    "preview.facts": "- {train} training examples (black), {val} validation examples (grey)\n"
    "- {features} features, {kind}{noise}\n"
    "- every variant trains on exactly this split, scaled as shown",
    "preview.caption": "Tutorial 5): fewer or noisier training examples make overfitting "
    "easier; the overfitting gap shows it once the variants run.",
    "chart.data.training": "training",
    "chart.data.validation": "validation",
    "chart.data.class": "class {k}",
    "chart.data.class_axis": "class",
    "chart.data.target": "target",
    "chart.data.target_scaled": "target (standardised)",
    "chart.data.x0": "feature x0 (scaled)",
    "chart.data.x1": "feature x1 (scaled)",
    "chart.data.examples": "examples",
    # model summary and Keras code (dashboard/widgets/model_code.py)
    "code.title": "Model summary and Keras code",
    "code.caption": "Tutorial 3) 4: the parameter count is what `model.summary()` prints in Keras. "
    "The script runs unchanged under Keras 3.",
    "code.fix_first": "Fix the settings of {label} first: {error}",
    # validation messages worded from a ConfigError's rule (dashboard/i18n/messages.py)
    "msg.error": "{field}: {text}",
    "msg.varying": "(varying {knob}) {text}",
    "accept.int": "an integer",
    "accept.number": "a number",
    "accept.choice": "one of {names}",
    "accept.bool": "true or false",
    "accept.widths": "a list of at most {n} widths, integers in [1, {high}]",
    "accept.batch": '"full" (batch gradient descent) or an integer in [1, {high}]',
    "accept.per_dataset": "{kind} in the dataset's range",
    "accept.range": "{kind} in {bounds}",
    "accept.or_null": "{text}, or null ({null})",
    # the Compare page (dashboard/views/compare.py)
    "compare.title": "Compare variants side by side",
    "compare.run_hint": "Press **▶ Run** to train every variant in the background.",
    "compare.cannot_start": "Could not start the runs: {error}",
    "compare.link_failed": "This share link could not be opened: {error}",
    "compare.link_fix": "The shared comparison has settings to fix (marked below).",
    "compare.link_stored": "Showing the stored runs of this link.",
    "compare.link_not_run": "This link's variants have not been run on this server yet.",
    "compare.link_run": "▶ Run the shared comparison",
    "compare.fix_marked": "Fix the marked fields: {errors}",
    # share and export (dashboard/widgets/share_export.py); the CSV itself stays English
    "share.title": "Share and export",
    "share.link_caption": "The link holds every variant's settings; opening it shows stored runs "
    "or offers to run them. Use the copy icon.",
    "share.download": "Download CSV",
    "share.rows": "{rows:,} rows: one per run × epoch × split, for {runs} runs.",
    "share.upload": "View a downloaded comparison (CSV)",
    "share.upload_help": "Shows the file's curves and tables without training anything.",
    "share.cannot_show": "{name} cannot be shown: {error}",
    # the results area: charts, table, progress, verdicts (en_results.py)
    **RESULTS,
    **CHARTS,
    **NOTICES,
    # the Runs page: its English lives in dashboard/views/runs_text.py
    **runs_english(),
}
