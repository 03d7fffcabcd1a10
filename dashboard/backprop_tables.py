"""The seed's 2-2-2 worked example (section 4-3), traced by the core and laid out as tables.

Every number comes from ``core.backprop.trace_worked_example`` (``trace_example`` here); this
module only names and arranges them (w1..w8, h1, o1, ...) the way the tutorial does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core import losses
from core.backprop import BackpropTrace, LayerTrace
from core.backprop import trace_worked_example as trace_example

# The tutorial's numbers; kernels are Keras-shaped (inputs, units).
SEED_X = (0.1, 0.2)
SEED_T = (0.4, 0.6)
SEED_HIDDEN = ((0.3, 0.4), (0.25, 0.35))  # w1 w3 / w2 w4
SEED_OUTPUT = ((0.45, 0.7), (0.4, 0.6))  # w5 w7 / w6 w8
SEED_LR = 0.5

__all__ = ["chain_table", "error_table", "forward_table", "trace_example", "weight_name"]


def weight_name(layer: int, i: int, j: int) -> str:
    """The tutorial's name of kernel entry (input i -> unit j): w1..w4 hidden, w5..w8 output."""
    return f"w{1 + 4 * layer + 2 * j + i}"


def forward_table(trace: BackpropTrace) -> pd.DataFrame:
    """z, activation for each unit: ``quantity, value`` (z1, z2, h1, h2, z3, z4, o1, o2)."""
    hidden, out = trace[0], trace[1]
    rows = [(f"z{j + 1}", hidden.z[0, j]) for j in range(2)]
    rows += [(f"h{j + 1}", hidden.a[0, j]) for j in range(2)]
    rows += [(f"z{j + 3}", out.z[0, j]) for j in range(2)]
    rows += [(f"o{j + 1}", out.a[0, j]) for j in range(2)]
    return pd.DataFrame(rows, columns=["quantity", "value"])


def error_table(trace: BackpropTrace, t) -> pd.DataFrame:
    """Each output's share of Keras's mse (E_o1, E_o2 = 1/2 (t - o)^2) and the total E."""
    o, t = trace[1].a, np.asarray([t], dtype=float)
    mse = losses.get("mse")
    shares = [mse(t[:, [k]], o[:, [k]]) / o.shape[1] for k in range(o.shape[1])]
    rows = [(f"E_o{k + 1}", s) for k, s in enumerate(shares)] + [("E_total", trace.loss)]
    return pd.DataFrame(rows, columns=["quantity", "value"])


def chain_table(layer: LayerTrace, layer_number: int) -> pd.DataFrame:
    """dE/dw = dE/do · do/dz · dz/dw (output layer) or dE/dh · dh/dz · dz/dw (hidden layer),
    in the seed's notation, for every kernel entry of one layer, with the update.

    Returns
    -------
    DataFrame
        One row per weight: ``weight, path, dE/do, do/dz`` (``dE/dh, dh/dz`` for the hidden
        layer), ``dz/dw (input), dE/dw, before, after``. ``dE/dw`` is the core's gradient, not
        the product of the displayed factors.
    """
    unit = "o" if layer_number == 1 else "h"
    source = "h" if layer_number == 1 else "x"
    rows = []
    for j in range(layer.kernel_before.shape[1]):
        for i in range(layer.kernel_before.shape[0]):
            rows.append(
                {
                    "weight": weight_name(layer_number, i, j),
                    "path": f"{source}{i + 1} → {unit}{j + 1}",
                    f"dE/d{unit}": layer.dL_da[0, j],
                    f"d{unit}/dz": layer.da_dz[0, j],
                    "dz/dw (input)": layer.inputs[0, i],
                    "dE/dw": layer.dL_dW[i, j],
                    "before": layer.kernel_before[i, j],
                    "after": layer.kernel_after[i, j],
                }
            )
    return pd.DataFrame(rows)
