"""Every page in Korean in a real browser: no English left but Keras names, code and numbers.

Walks each page at ``?lang=ko`` in headless Chromium, reads the text on show (the page's text and
the charts' SVG text: titles, axes, legends, notes) and lists every English word outside the
allowed ones. Screenshots land in ``artifacts/screenshots/ko-<page>.png``; Hangul needs a Korean
font there (``fonts-nanum``, installed by ``.ci/run``), or the screenshots show empty boxes.

The Compare page's results area is translated in a second step: its English lines are listed
in ``NOT_YET`` and checked strictly, so a line that gets translated must leave the list.
"""

from __future__ import annotations

import re
import subprocess

import pytest

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
from tests.dashboard.browser_support import _screenshot

pytestmark = pytest.mark.browser

PAGES = {"compare": "데이터 (모든 변형이 공유)", "activations": "활성화 함수와 그 미분",
         "backprop": "역전파, 한 단계씩"}  # fmt: skip
# Keras names and code stay as they are; so do formulas' symbols and gradlab's own name
# (config names that are plain words, such as epochs or loss, are English and must not show)
KERAS = {*ACTIVATIONS, *INITIALIZERS, *LOSSES, *OPTIMIZERS, *NORMALIZATIONS, *REGULARIZERS,
         *CLIPPINGS, *DTYPES, *OPTIMIZER_FIELDS,
         *(name for name in FIELD_NAMES if "_" in name)}  # fmt: skip
WORDS = {
    "keras", "gradlab", "relu", "leaky", "sigmoid", "softmax", "tanh", "sgd", "adam", "adagrad",
    "rmsprop", "glorot", "he", "xor", "iris", "wine", "breast", "cancer", "make_moons",
    "make_circles", "make_blobs", "cluster_std", "tensorflow", "playground", "fisher", "sin",
    "pi", "mse", "mae", "core", "e_total", "de", "dw", "do", "dz", "dh", "null", "full",
}  # fmt: skip
ALLOWED = {w.lower() for w in KERAS} | WORDS
# code named in a sentence, as it is written in Python
CODE = ("model.summary()", "core.backprop.trace_train_step", "scikit-learn")
# Streamlit's own widget texts, which it does not translate (streamlit#1353)
STREAMLIT = {"English",  # the language switch names each language in its own words
             "Press Enter to apply", "Press Enter to submit form", "Choose an option",
             "Drag and drop file here", "Upload", "upload", "128MB per file • CSV",
             # Material icons are drawn from their names' ligatures
             "account_tree", "compare_arrows", "show_chart", "expand_more",
             "keyboard_arrow_right"}  # fmt: skip
# phase 2: the Compare page's results area (dashboard/views/compare.py, widgets/share_export.py)
NOT_YET = {
    "compare": {
        "Compare variants side by side",
        "Press ▶ Run to train every variant in the background.",
        "Share and export",
        "The link holds every variant's settings; opening it shows stored runs or offers to run "
        "them. Use the copy icon.",
        "Download CSV",
        "View a downloaded comparison (CSV)",
    },
}
TEXT_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    const nav = document.querySelector('header') ;
    const charts = [...document.querySelectorAll('.js-plotly-plot text')].map(t => t.textContent);
    const code = [...document.querySelectorAll('[data-testid="stCode"]')].map(c => c.innerText);
    return {text: [main.innerText, nav ? nav.innerText : '', ...charts].join('\\n'),
            code: code.join('\\n')};
}"""
ENGLISH = re.compile(r"[A-Za-z][A-Za-z_']+")


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
        words = [w.strip("'").lower() for w in ENGLISH.findall(bare)]
        if any(w not in ALLOWED and not re.fullmatch(r"[a-z]\d*|[a-z]{1,2}", w) for w in words):
            found.append(line)
    return found


def test_the_check_finds_english_and_passes_keras_names() -> None:
    assert english_lines("가중치 초기화\nglorot_uniform\nmomentum (sgd, rmsprop)") == []
    assert english_lines("activation='sigmoid', 은닉층 6개") == []
    assert english_lines("Activation sigmoid") == ["Activation sigmoid"]
    assert english_lines("Fix the marked fields: 은닉층") == ["Fix the marked fields: 은닉층"]


def test_a_korean_font_is_installed() -> None:
    fonts = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no Korean font: install fonts-nanum (see .ci/run)"


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_in_korean(server, browser, name: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    path = "" if name == "compare" else name
    page.goto(f"{server}/{path}?lang=ko")
    page.get_by_text(PAGES[name]).first.wait_for(timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length > 0")
    page.wait_for_timeout(1500)
    assert "lang=ko" in page.url
    _screenshot(page, f"ko-{name}")
    shown = page.evaluate(TEXT_JS)
    code = {line.strip() for line in shown["code"].splitlines()}  # Keras code stays as it is
    found = set(english_lines(shown["text"])) - code
    not_yet = NOT_YET.get(name, set())
    extra = sorted(found - not_yet)
    assert not extra, "English on the Korean page:\n" + "\n".join(extra)
    # strict: a line translated in phase 2 must leave NOT_YET
    gone = sorted(not_yet - found)
    assert not gone, "translated now, remove from NOT_YET:\n" + "\n".join(gone)
    page.close()


def test_a_korean_browser_gets_korean_and_a_page_change_keeps_it(server, browser) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000}, locale="ko-KR")
    page.goto(server)  # no ?lang: the browser's language decides
    page.get_by_text(PAGES["compare"]).first.wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('lang=ko')")
    page.get_by_role("link", name="역전파").click()
    page.get_by_text(PAGES["backprop"]).first.wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('lang=ko')")
    page.get_by_text("English", exact=True).click()
    page.get_by_text("Backpropagation, step by step").wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('lang=en')")
    page.close()
