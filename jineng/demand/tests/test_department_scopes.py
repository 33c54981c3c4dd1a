"""A department that co-leads task 17 reads the demand reports of its life-service industries without reviewing."""

import pytest

from jineng.demand import permissions
from jineng.demand.choices import ReportState
from jineng.demand.models import DemandReport
from jineng.demand.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(open_campaign):
    maternal = factories.enterprise(name="上海测试母婴护理有限公司", industry="MATERNAL")
    chip = factories.enterprise(name="上海测试芯片有限公司", industry="IC")
    return {
        "maternal": factories.report(campaign=open_campaign, profile=maternal),
        "maternal_draft": factories.report(campaign=open_campaign, profile=factories.enterprise(industry="MATERNAL"),
                                           state=ReportState.DRAFT),
        "chip": factories.report(campaign=open_campaign, profile=chip),
    }


def test_the_womens_federation_reads_submitted_maternal_care_reports(reports):
    fulian = factories.user_of("市妇联", "fulian")

    assert set(DemandReport.objects.visible_to(fulian)) == {reports["maternal"]}
    assert not permissions.can_review(fulian, reports["maternal"])


def test_the_reviewing_department_still_reviews_its_industry(reports):
    shangwu = factories.user_of("市商务委", "shangwu")

    assert permissions.can_review(shangwu, reports["maternal"])
    assert reports["chip"] not in set(DemandReport.objects.visible_to(shangwu))


def test_the_report_page_opens_for_the_federation_without_review_buttons(reports, client):
    client.force_login(factories.user_of("市妇联", "fulian"))

    page = client.get(f"/demand/reports/{reports['maternal'].pk}/")
    other = client.get(f"/demand/reports/{reports['chip'].pk}/")

    assert page.status_code == 200
    assert other.status_code == 404
    assert DemandReport.objects.visible_to(factories.user_of("市民政局", "mzj2")).count() == 0
