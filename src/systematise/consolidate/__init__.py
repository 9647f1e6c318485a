"""Stage 4: valid submissions merged into one dataset with stable ids and provenance."""
