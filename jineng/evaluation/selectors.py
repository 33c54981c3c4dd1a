"""Reads of evaluation other apps may use."""

from django.db.models import QuerySet

from jineng.evaluation.choices import BodyStatus
from jineng.evaluation.models import TestSite


def public_test_sites() -> QuerySet[TestSite]:
    """Test sites anyone may see on the public map: in use, of a body whose filing is published."""
    return TestSite.objects.filter(is_active=True, body__status=BodyStatus.PUBLISHED).order_by("pk")
