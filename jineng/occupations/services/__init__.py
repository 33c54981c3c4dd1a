"""Writes: work types under the classification, catalogue versions and their entries."""

from jineng.occupations.services.catalogues import (
    catalogue_entry_add,
    catalogue_entry_remove,
    catalogue_entry_update,
    catalogue_publish,
    catalogue_return,
    catalogue_submit,
    catalogue_version_create,
)
from jineng.occupations.services.work_types import work_type_create

__all__ = [
    "catalogue_entry_add",
    "catalogue_entry_remove",
    "catalogue_entry_update",
    "catalogue_publish",
    "catalogue_return",
    "catalogue_submit",
    "catalogue_version_create",
    "work_type_create",
]
