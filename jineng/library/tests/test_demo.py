from django.db.models import Count

from jineng.accounts.demo import accounts_demo_seed
from jineng.core.modules import DemoContext
from jineng.library.demo import library_demo_seed
from jineng.library.models import DocumentDownload, LibraryDocument
from jineng.library.permissions import user_body


def test_demo_is_idempotent_dated_2024_with_restricted_and_shared_documents(db):
    accounts_demo_seed(DemoContext(year=2024))

    first = library_demo_seed(year=2024)
    second = library_demo_seed(year=2024)

    assert first == second and 30 <= first["资源库资料"] <= 50 and first["其中限定机构"] > 0
    documents = LibraryDocument.objects.annotate(bodies=Count("shared_with"))
    assert documents.filter(bodies__gte=2).exists()
    assert {d.year for d in documents.exclude(published_at=None).values_list("published_at", flat=True)} == {2024}
    assert {d.year for d in DocumentDownload.objects.values_list("downloaded_at", flat=True)} == {2024}
    from jineng.accounts.models import User

    evaluator = User.objects.get(username="evaluator")
    assert user_body(evaluator) is not None
    assert LibraryDocument.objects.visible_to(evaluator).filter(access="bodies").exists()
    history_years = set(LibraryDocument.history.values_list("history_date__year", flat=True))
    assert history_years == {2024}
