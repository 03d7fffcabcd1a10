"""gradlab: side-by-side experiments on the fundamentals of deep learning.

Run with ``streamlit run app.py``. Streamlit executes this file with ``__name__ == "__main__"``;
worker processes spawned by the experiment runner re-import it under another name, so nothing
happens at import time.
"""

from __future__ import annotations


def main() -> None:
    """Set up the page and route to the selected page."""
    from dashboard.navigation import run_app

    run_app()


if __name__ == "__main__":
    main()
