"""Reusable page parts: forms, bars and result sections (each under 150 lines)."""
