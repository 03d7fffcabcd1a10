"""The guard: a page body or a fragment that fails shows a message, never a traceback."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page_with_failing_fragment() -> None:
    import streamlit as st

    from dashboard.guard import guarded_fragment

    def failing(count: int) -> None:
        st.write(f"drawn before the failure: {count}")
        raise RuntimeError("boom")

    guarded_fragment(failing, 3)
    st.write("the page goes on")


def test_a_failing_fragment_shows_a_message_and_the_page_goes_on() -> None:
    at = AppTest.from_function(_page_with_failing_fragment).run()
    assert not at.exception
    (error,) = at.error
    assert "Something went wrong" in error.value and "RuntimeError: boom" in error.value
    texts = [m.value for m in at.markdown]
    assert "drawn before the failure: 3" in texts and "the page goes on" in texts
