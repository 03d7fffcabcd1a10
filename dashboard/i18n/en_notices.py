"""English notices of the Compare page's actions (part of :data:`dashboard.i18n.en.TEXT`;
Korean in ``ko_notices.py``)."""

NOTICES: dict[str, str] = {
    # dashboard/actions.py: what a button refused, or what an upload showed
    "notice.full": "A comparison holds at most {n} variants.",
    "notice.too_few": "A comparison needs at least {n} variants.",
    "notice.too_many": "Adding {n} variants would make {total}; a comparison holds at most "
    "{most}. Remove some, or replace the comparison.",
    "notice.showing": "Showing {name}: {n} runs, nothing retrained.",
    "notice.data_differs": " Its variants used different data; the form shows the first one's.",
    # dashboard/open_runs.py: stored runs opened from the Runs page
    "opened.none": "None of the chosen runs can be shown.",
    "opened.too_many": "These runs hold {n} different settings (apart from the seed); Compare "
    "shows at most {most}. Filter them first, for example to one value of a knob, then open the "
    "group again.",
    "opened.data_differs": "These runs were trained on different data; Compare shows one "
    "dataset at a time.",
    "opened.left_out": " ({n} runs with higher seeds left out)",
    "opened.showing": "Showing {n} stored runs opened from the Runs page{extra}.",
    # Streamlit's own widget texts, as Streamlit 1.67 writes them in English; another language
    # draws its own over them (dashboard/widget_texts.py)
    "streamlit.upload": "Upload",
    "streamlit.upload_limit": "{mb}MB per file • CSV",
    "streamlit.enter": "Press Enter to apply",
}
