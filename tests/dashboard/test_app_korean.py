"""AppTest: the pages in Korean, the language's sources and its place in the address bar."""

from __future__ import annotations

import pytest

from dashboard import i18n, share
from dashboard.comparison import defaults
from dashboard.i18n.catalog import KO
from experiments.spec.presets import PRESETS
from tests.dashboard.apptest_support import click, inputs, open_page, variant_labels
from tests.dashboard.korean_support import english_lines

pytestmark = pytest.mark.usefixtures("app_store")

KOREAN = {
    None: ("데이터 (모든 변형이 공유)", "이 변형 복사"),
    "activations": ("활성화 함수와 그 미분", "선형 활성화 함수를 쓰면 층을 쌓아도 소용없는 이유"),
    "backprop": ("역전파, 한 단계씩", "1. 순전파"),
}


def _texts(at) -> str:
    parts = [
        e.value for kind in ("title", "subheader", "caption", "markdown") for e in getattr(at, kind)
    ]
    parts += [b.label for b in at.button] + [w.label for w in at.number_input]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", list(KOREAN))
def test_every_page_renders_in_korean_without_errors(page) -> None:
    at = open_page(page, {"lang": "ko"})
    assert not at.exception and not at.error
    text = _texts(at)
    for phrase in KOREAN[page]:
        assert phrase in text or any(phrase == b.label for b in at.button), phrase
    assert at.query_params[i18n.PARAM] in ("ko", ["ko"])
    if page:  # the Compare page's own texts are phase 2 (checked in the browser test)
        assert english_lines(text.replace("`", "")) == []


def test_english_is_the_default_and_the_address_bar_says_so() -> None:
    at = open_page()
    assert at.title[0].value == "Compare variants side by side"
    assert at.query_params[i18n.PARAM] in ("en", ["en"])


def test_the_switch_changes_the_language_and_it_survives_a_page_change() -> None:
    at = open_page()
    at.segmented_control(key=i18n.SWITCH).set_value("ko").run()
    assert at.query_params[i18n.PARAM] in ("ko", ["ko"])
    assert any(b.label == "▶ 실행" for b in at.button)
    at.switch_page("dashboard/pages/backprop.py").run()
    assert at.title[0].value == "역전파, 한 단계씩"


def test_a_korean_form_refuses_bad_input_in_korean() -> None:
    at = open_page(query={"lang": "ko"})
    for widget in inputs(at, "뉴런 수"):
        widget.set_value(512)
    for widget in inputs(at, "은닉층 수"):
        widget.set_value(10)
    for widget in inputs(at, "에포크"):
        widget.set_value(1000)
    click(at, "적용")
    messages = [e.value for e in at.error]
    assert any("은닉층 (hidden_layers): 실행 한 번의 비용이" in m for m in messages), messages


def test_the_lesson_names_the_seed_section_in_korean() -> None:
    at = open_page(query={"lang": "ko"})
    captions = [c.value for c in at.caption]
    first = PRESETS[0].key
    assert any(KO[f"preset.{first}.section"] in c for c in captions)


def test_a_korean_label_round_trips_through_a_share_link() -> None:
    label = '시그모이드 "깊은" 신경망'
    token = share.encode([(label, defaults()), ("렐루", {**defaults(), "epochs": 5})], defaults())
    at = open_page(query={share.PARAM: token, "lang": "ko"})
    assert not at.exception
    assert variant_labels(at) == [label, "렐루"]
    assert at.query_params[i18n.PARAM] in ("ko", ["ko"])


def _widget_texts(at) -> list[str]:
    """Every widget's label, help and shown options, popovers' insides included."""
    texts = []
    kinds = ("button", "number_input", "text_input", "selectbox", "multiselect", "checkbox",
             "radio", "slider", "segmented_control", "expander")  # fmt: skip
    for kind in kinds:
        for widget in getattr(at, kind):
            texts.append(str(getattr(widget, "label", "") or ""))
            texts.append(str(getattr(widget, "help", "") or ""))
            proto = getattr(widget, "proto", None)
            texts += [str(getattr(o, "content", o)) for o in getattr(proto, "options", [])]
    texts += [p.proto.popover.label for p in at.get("popover")]
    return texts


@pytest.mark.parametrize("page", list(KOREAN))
def test_every_widget_text_is_korean(page) -> None:
    """Labels, tooltips and options, including those inside closed popovers (which the
    browser test cannot see). The Compare page's results area is phase 2: nothing of it shows
    before a run."""
    at = open_page(page, {"lang": "ko"})
    found = english_lines("\n".join(_widget_texts(at)))
    assert found == []


def test_messages_shown_follow_a_language_switch() -> None:
    at = open_page(query={"lang": "ko"})
    for widget in inputs(at, "에포크"):
        widget.set_value(1000)
    for widget in inputs(at, "은닉층 수"):
        widget.set_value(10)
    for widget in inputs(at, "뉴런 수"):
        widget.set_value(512)
    click(at, "적용")
    assert any("실행 한 번의 비용이" in e.value for e in at.error)
    at.segmented_control(key=i18n.SWITCH).set_value("en").run()
    errors = [e.value for e in at.error]
    assert errors and not any("실행" in e for e in errors)
    assert any("Hidden layers (hidden_layers): one run would cost" in e for e in errors), errors


def _caption_text(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_a_lesson_loads_with_korean_labels_and_an_english_link_of_it_is_not_modified() -> None:
    """Labels are data once loaded (links, CSV, Keras script carry them): a Korean page loads
    a lesson with Korean labels, Keras names kept; the same lesson shared from an English page
    opens on a Korean page as that lesson, not as "modified"."""
    at = open_page(query={"lang": "ko"})
    at.selectbox(key="preset.pick").set_value("clipping")
    click(at, KO["setup.load"])
    assert variant_labels(at) == ["클리핑 없음", "clipnorm 1.0"]
    assert KO["setup.modified"] not in _caption_text(at)
    english = open_page()
    english.selectbox(key="preset.pick").set_value("clipping")
    click(english, "Load preset")
    assert variant_labels(english) == ["no clipping", "clipnorm 1.0"]
    token = english.query_params[share.PARAM]
    token = token[0] if isinstance(token, list) else token
    shared = open_page(query={share.PARAM: token, share.LESSON_PARAM: "clipping", "lang": "ko"})
    assert variant_labels(shared) == ["no clipping", "clipnorm 1.0"]  # the sender's labels
    assert KO["preset.clipping.explanation"][:30] in _caption_text(shared)
    assert KO["setup.modified"] not in _caption_text(shared)
