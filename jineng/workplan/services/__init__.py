"""Writes for the work plan: each service is atomic and audited (who, when, what, why)."""
