"""Reads of the subsidies module, role-scoped and explicitly ordered."""
