"""Page bodies: each places widgets and charts and calls experiments/core for data."""
