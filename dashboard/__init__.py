"""gradlab's Streamlit dashboard: pages, widgets and plotly charts (renders, never trains)."""
