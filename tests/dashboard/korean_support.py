"""What counts as English left on a Korean page (the AppTest and browser tests share it).

Keras names, config names written with an underscore, formulas' symbols, code named in a sentence
and ``name=value`` pairs stay as they are; Streamlit's own widget texts, which it cannot translate
(streamlit#1353), the app draws in Korean over them. Any other word in Latin letters is English
that should have been translated.
"""

from __future__ import annotations

import re

from core.activations import ACTIVATIONS
from core.initializers import INITIALIZERS
from core.losses import LOSSES
from core.optimizers import OPTIMIZERS
from experiments.spec.config import (
    CLIPPINGS,
    DTYPES,
    FIELD_NAMES,
    NORMALIZATIONS,
    OPTIMIZER_FIELDS,
    REGULARIZERS,
)

# Keras names (a Dense layer's own, dense_3, too) and code stay as they are; so do formulas'
# symbols and gradlab's own name
# (config names that are plain words, such as epochs or loss, are English and must not show)
KERAS = {*ACTIVATIONS, *INITIALIZERS, *LOSSES, *OPTIMIZERS, *NORMALIZATIONS, *REGULARIZERS,
         *CLIPPINGS, *DTYPES, *OPTIMIZER_FIELDS,
         *(name for name in FIELD_NAMES if "_" in name)}  # fmt: skip
WORDS = {
    "keras", "gradlab", "relu", "leaky", "sigmoid", "softmax", "tanh", "sgd", "adam", "adagrad",
    "rmsprop", "glorot", "he", "xor", "make_moons",
    "make_circles", "make_blobs", "cluster_std", "tensorflow", "playground", "fisher", "sin",
    "pi", "mse", "mae", "core", "e_total", "de", "dw", "do", "dz", "dh", "null", "full",
    "csv",  # a file format's name, as on Streamlit's own uploader
}  # fmt: skip
ALLOWED = {w.lower() for w in KERAS} | WORDS
# code named in a sentence, as it is written in Python
CODE = ("model.summary()", "core.backprop.trace_train_step", "scikit-learn")
# the language switch names each language in its own words, and its label (read by screen
# readers) names itself in both; Streamlit's own widget texts, which it does not translate
# (streamlit#1353), are drawn in Korean by dashboard/widget_texts.py and must not show
STREAMLIT = {"English", "Language / 언어"}
ENGLISH = re.compile(r"[A-Za-z][A-Za-z0-9_']+")
# a form label followed by the config name a link or CSV uses: "에포크 (epochs)"
NAMED = re.compile(r"\((\w+)\)")
CONFIG_NAMES = {*FIELD_NAMES, "depth", "width"}


def english_lines(text: str) -> list[str]:
    """The lines holding a word that is neither Korean nor allowed (Keras names, symbols)."""
    found = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line in STREAMLIT:
            continue
        bare = line
        for code in CODE:
            bare = bare.replace(code, " ")
        bare = re.sub(r"\b\w+=('[^']*'|[^\s,:]+)", " ", bare)  # name=value, as in a config
        bare = re.sub(r"\$[^$]*\$", " ", bare)  # a formula in Markdown's $...$
        bare = NAMED.sub(lambda m: " " if m[1] in CONFIG_NAMES else m[0], bare)
        words = [w.strip("'").lower() for w in ENGLISH.findall(bare)]
        if any(
            w not in ALLOWED and not re.fullmatch(r"[a-z]\d*|[a-z]{1,2}|dense(_\d+)?", w)
            for w in words
        ):
            found.append(line)
    return found
