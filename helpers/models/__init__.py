"""Models: pure functions from a state and data to a result (no widgets, no plotting)."""
