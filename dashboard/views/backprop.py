"""Backprop page (placeholder until core.backprop is wired)."""

from __future__ import annotations

import streamlit as st


def render() -> None:
    """Draw the Backprop page."""
    st.title("Backpropagation, step by step")
