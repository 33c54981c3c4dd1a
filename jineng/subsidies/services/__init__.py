"""Writes of the subsidies module: quotes, claims and their review, payment batches and payments."""
