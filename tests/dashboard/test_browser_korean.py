"""Every page in Korean in a real browser: no English left but Keras names, code and numbers.

Walks each page at ``?lang=ko`` in headless Chromium, reads the text on show (the page's text and
the charts' SVG text: titles, axes, legends, notes) and lists every English word outside the
allowed ones. Screenshots land in ``artifacts/screenshots/ko-<page>.png``; Hangul needs a Korean
font there (``fonts-nanum``, installed by ``.ci/run``), or the screenshots show empty boxes.

The Compare page's results area is still partly English: after a run its English lines are
listed in ``RESULTS_NOT_YET`` and checked strictly, so a line that gets translated must leave
the list.
"""

from __future__ import annotations

import subprocess

import pytest

from dashboard.column_widths import text_px
from tests.dashboard.browser_support import SHOTS, _screenshot
from tests.dashboard.korean_support import english_lines

pytestmark = pytest.mark.browser

PAGES = {"compare": "데이터 (모든 변형이 공유)", "activations": "활성화 함수와 그 미분",
         "backprop": "역전파, 한 단계씩", "runs": "실행 기록"}  # fmt: skip
PLOTTED = ("compare", "activations", "backprop")  # pages that draw a chart before any run
# English lines still on a page before any run (none left)
NOT_YET: dict[str, set[str]] = {}
# after a run: English lines still in the Compare page's results area (charts, table, verdicts,
# heatmaps, boundary); none left, checked strictly like NOT_YET
RESULTS_NOT_YET: set[str] = set()
TEXT_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    const nav = document.querySelector('header') ;
    const charts = [...document.querySelectorAll('.js-plotly-plot text')].map(t => t.textContent);
    const code = [...document.querySelectorAll('[data-testid="stCode"]')].map(c => c.innerText);
    // Material icons are drawn from their names' ligatures: names, not words
    const icons = [...document.querySelectorAll('[data-testid="stIconMaterial"]')];
    return {text: [main.innerText, nav ? nav.innerText : '', ...charts].join('\\n'),
            code: [...code, ...icons.map(i => i.innerText)].join('\\n')};
}"""


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
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
    if name in PLOTTED:
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot').length > 0", timeout=90_000
        )
    page.wait_for_timeout(1500)
    assert "lang=ko" in page.url
    _screenshot(page, f"ko-{name}")
    shown = page.evaluate(TEXT_JS)
    # Keras code stays as it is; icons' names are no text
    code = {line.strip() for line in shown["code"].splitlines()}
    found = set(english_lines(shown["text"])) - code
    _strict(found, NOT_YET.get(name, set()))
    page.close()


def _strict(found: set[str], not_yet: set[str]) -> None:
    extra = sorted(found - not_yet)
    assert not extra, "English on the Korean page:\n" + "\n".join(extra)
    # strict: a line translated in phase 2 must leave NOT_YET
    gone = sorted(not_yet - found)
    assert not gone, "translated now, remove from NOT_YET:\n" + "\n".join(gone)


def test_the_results_area_in_korean(server, browser) -> None:
    """Run the default comparison at ``?lang=ko`` and read the results area when it is done."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{server}/?lang=ko")
    page.get_by_role("button", name="▶ 실행", exact=True).first.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].some("
        "el => (el.data || []).some(t => t.type === 'heatmap'))",
        timeout=180_000,
    )
    page.wait_for_function(
        "() => !document.body.innerText.match(/queued|running/)", timeout=180_000
    )
    page.wait_for_timeout(3000)
    _screenshot(page, "ko-compare-results")
    shown = page.evaluate(TEXT_JS)
    code = {line.strip() for line in shown["code"].splitlines()}
    _strict(set(english_lines(shown["text"])) - code, RESULTS_NOT_YET)
    page.close()


def test_a_korean_browser_gets_korean_and_a_page_change_keeps_it(server, browser) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000}, locale="ko-KR")
    page.goto(server)  # no ?lang: the browser's language decides
    page.get_by_text(PAGES["compare"]).first.wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('lang=ko')", timeout=90_000)
    page.get_by_role("link", name="역전파").click()
    page.get_by_text(PAGES["backprop"]).first.wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('lang=ko')", timeout=90_000)
    page.get_by_text("English", exact=True).click()
    page.get_by_text("Backpropagation, step by step").wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=90_000)
    page.close()


# the lines an element's text is drawn on, read character by character from their positions
LINES_JS = """el => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange(), out = [];
    let top = null, line = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.textContent.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1);
            const y = range.getBoundingClientRect().top;
            if (top !== null && Math.abs(y - top) > 5) { out.push(line.trim()); line = ''; }
            top = y; line += node.textContent[i];
        }
    }
    out.push(line.trim());
    return out;
}"""


def test_a_korean_title_on_a_phone_breaks_between_words(server, browser) -> None:
    """Korean wraps between any two syllables by default ("비 / 교하기" on a 390 px phone);
    the title, and a lesson's explanation, break at spaces."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server}/?lang=ko")
    title = page.locator("h1").first
    title.wait_for(timeout=60_000)
    # st.html mounts its style a moment after the first heading draws (it loads lazily): wait
    # for it, for a bounded time, rather than read the style of that first frame
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('h1')).wordBreak === 'keep-all'",
        timeout=15_000,
    )
    # every line of the title ends at a word's end: its words are whole on the screen
    words = title.inner_text().split()
    lines = title.evaluate(LINES_JS)
    assert len(lines) >= 2 and all(line.split()[-1] in words for line in lines), lines
    # the whole explanation (its bold section name alone wrapped well while the text after it
    # broke "기울 / 기"), and the expander's label ("바꿔 보 / 기"): Streamlit's paragraphs set
    # their own word-break
    caption = page.locator('[data-testid="stCaptionContainer"] p', has_text="튜토리얼 2)").first
    summary = page.locator('[data-testid="stExpander"] summary p').first
    for text in (caption, summary):
        said = text.inner_text().split()
        lines = [line for line in text.evaluate(LINES_JS) if line.strip()]
        # a line ends with a whole word, or after a slash or hyphen ("첫 층/ 마지막 층")
        ends = [line.split()[-1] for line in lines]
        assert len(lines) >= 2 and all(e in said or e.endswith(("/", "-")) for e in ends), lines
    page.screenshot(path=str(SHOTS / "ko-phone-title.png"))  # the phone's first screen
    page.close()


AFTER_JS = "el => getComputedStyle(el, '::after').content"


def test_streamlits_own_widget_texts_are_drawn_in_korean(server, browser) -> None:
    """Streamlit writes its uploader's button and limit and the "Press Enter" hint in English
    only (streamlit#1353): a Korean page hides them and draws the Korean in their place."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{server}/?lang=ko")
    zone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    zone.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector("
        '\'[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]\''
        "), '::after').content.includes('올리기')",
        timeout=15_000,
    )
    # the cloud icon is a Material Symbols ligature: its text 'upload' draws as a picture
    icons = set(zone.locator('[data-testid="stIconMaterial"]').all_inner_texts())
    words = [line for line in zone.inner_text().splitlines() if line not in icons]
    assert icons and english_lines("\n".join(words)) == [], zone.inner_text()
    limit = zone.locator('[data-testid="stFileUploaderDropzoneInstructions"] > div').first
    assert "파일당 최대 128MB" in limit.evaluate(AFTER_JS)
    # an input being edited: Streamlit's hint under it ("Press Enter to submit form")
    field = page.get_by_label("에포크", exact=True).first
    field.fill("7")
    hint = page.locator('[data-testid="InputInstructions"]').first
    hint.wait_for(state="attached", timeout=10_000)
    assert "Enter 키를 누르면 적용" in hint.evaluate(AFTER_JS)
    assert english_lines(hint.inner_text()) == [], hint.inner_text()
    field.evaluate("el => el.scrollIntoView({block: 'center'})")
    box = field.bounding_box()
    page.screenshot(
        path=str(SHOTS / "ko-enter-hint.png"),
        clip={"x": box["x"] - 20, "y": box["y"] - 40, "width": 420, "height": 110},
    )
    zone.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "ko-streamlit-texts.png"))
    page.close()


def test_the_results_tables_column_widths_hold_the_texts_the_browser_draws(server, browser):
    """``dashboard.column_widths`` sizes the results table's columns from per-glyph upper bounds
    (st.dataframe keeps the widths of its first draw, streamlit#5860); the fonts the browser
    really draws with, Source Sans and the Hangul fallback, must stay within them."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{server}/?lang=ko")
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
    texts = ["0.693160 ± 0.000031", "최저 검증 손실", "최적 에포크의 차이", "gap at best epoch",
             "완료 (발산: 에포크 12)", "SGD + momentum 0.9", "random_normal (naive)",
             "0123456789", "WWW mmm MMM @%", "HeNormal LayerNorm", "(ijl) [.,:;'|!]"]  # fmt: skip
    drawn = page.evaluate(
        """async (texts) => {
            await document.fonts.ready;
            const ctx = document.createElement('canvas').getContext('2d');
            const family = getComputedStyle(document.body).fontFamily;
            return ['', '600 '].map(weight => {
                ctx.font = `${weight}14px ${family}`;
                return texts.map(text => ctx.measureText(text).width);
            });
        }""",
        texts,
    )
    for widths in drawn:
        for text, width in zip(texts, widths, strict=True):
            assert 0 < width <= text_px(text), (text, width, text_px(text))
    page.close()
