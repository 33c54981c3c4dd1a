"""Reads for the work plan. Role scoping (district, organisation) is applied here, never in templates."""
