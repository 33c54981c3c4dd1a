"""Reads: the classification and industries (public reference data), and the catalogues."""

from jineng.occupations.selectors.catalogues import (
    CatalogueDiff,
    CatalogueSummary,
    EntryChange,
    catalogue_counts,
    catalogue_diff,
    catalogue_entries,
    catalogue_entry_count_at,
    catalogue_in_force,
    catalogue_occupation_codes,
    catalogue_published,
    catalogue_summaries,
    catalogue_version_list,
    catalogue_version_previous,
)
from jineng.occupations.selectors.classification import (
    industry_by_name,
    industry_list,
    major_categories,
    occupation_by_code,
    occupation_get,
    occupation_search,
)

__all__ = [
    "CatalogueDiff",
    "CatalogueSummary",
    "EntryChange",
    "catalogue_counts",
    "catalogue_diff",
    "catalogue_entries",
    "catalogue_entry_count_at",
    "catalogue_in_force",
    "catalogue_occupation_codes",
    "catalogue_published",
    "catalogue_summaries",
    "catalogue_version_list",
    "catalogue_version_previous",
    "industry_by_name",
    "industry_list",
    "major_categories",
    "occupation_by_code",
    "occupation_get",
    "occupation_search",
]
