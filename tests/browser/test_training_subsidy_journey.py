"""An institution opens a class and imports its trainees, claims their subsidies; 浦东 approves; the office pays.

The import runs as the background task it is in production (django-tasks' database backend): the page shows
the queued import with its progress bar, the test runs the worker once, and htmx reloads the page when done.
"""

import csv
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in, log_out

pytestmark = pytest.mark.browser

INSTITUTION = "上海浦测职业技能培训学校"
OTHER_INSTITUTION = "上海徐测职业技能培训学校"
CLASS_CODE = "PD-YL-2026-01"
OCCUPATION = "4-10-01-05"  # 养老护理员
LEVEL = 2  # SkillLevel.L4, 四级/中级工: standard 2,000 yuan
SCHEME = "上海市职业技能提升补贴"
EMPLOYED = "在职从业人员"
AMOUNT = "1,600.00"  # 2,000 × 80 % for 在职从业人员, no catalogue uplift
PUDONG_PAID = "3,200.00"
HEADER = ["机构统一社会信用代码", "班级编号", "身份证号", "姓名", "职业编码", "等级", "报名日期", "结业日期", "出勤课时",
          "考核结果", "证书编号", "发证日期"]


@dataclass(frozen=True)
class Trainee:
    name: str
    number: str
    certificate_no: str


@dataclass(frozen=True)
class JourneyWorld:
    institution_id: int
    credit_code: str
    project_id: int
    site_id: int
    trainees: tuple[Trainee, Trainee, Trainee]
    today: date


@pytest.fixture
def journey_world(world):
    """A 浦东 private institution with its user `inst`, a site and an approved 养老护理员 四级 project; the 浦东
    district officer `pudong`; trainee C already paid for 养老护理员 四级 through another institution in 徐汇."""
    from jineng.accounts.models import User
    from jineng.certificates.tests import factories as certificates
    from jineng.core.identifiers import synthetic_resident_id
    from jineng.core.models import District
    from jineng.core.people import person_register
    from jineng.demand.tests.factories import user_of
    from jineng.subsidies.models import Scheme
    from jineng.subsidies.services.claims import claim_approve, claim_submit
    from jineng.subsidies.services.payments import (
        payment_batch_create,
        payment_batch_mark_all_paid,
        payment_batch_send,
    )
    from jineng.subsidies.tests.factories import registered
    from jineng.training.tests import factories as training

    today = timezone.localdate()
    institution = training.institution(name=INSTITUTION, district="310115")
    training.institution_user(institution, "inst")
    site = training.site(institution, name="浦东教学点")
    project = training.project(institution, code=OCCUPATION, level=LEVEL, class_hours=120, fee="2200.00")
    user_of("浦东新区人民政府", "pudong")

    rng = random.Random(20261124)
    names = ("张晓梅", "李建国", "王秀英")
    trainees = tuple(
        Trainee(name=name, number=synthetic_resident_id(rng=rng, area="310115"),
                certificate_no=f"S00003131002{index:02d}2{rng.randrange(10**6):06d}")
        for index, name in enumerate(names, start=1)
    )

    # Each trainee's certificate is in the register, issued by a 浦东 evaluation body ten days ago (the date the
    # import file gives): a per-certificate claim is checked against it.
    holders = [person_register(resident_id=t.number, name=t.name, is_synthetic=True) for t in trainees]
    body = certificates.body(district="310115", with_login=False, name="上海浦测职业技能评价中心")
    for trainee, holder in zip(trainees, holders, strict=True):
        certificates.certificate(holder=holder, b=body, code=OCCUPATION, level=LEVEL, number=trainee.certificate_no,
                                 issued_on=today - timedelta(days=10))

    # Trainee C: 养老护理员 四级 at a 徐汇 institution last spring, claimed, approved and paid.
    c = holders[2]
    other = training.institution(name=OTHER_INSTITUTION, district="310104")
    other_user = training.institution_user(other, "xuhui-inst")
    earlier_class = training.training_class(
        training.project(other, code=OCCUPATION, level=LEVEL), start=today - timedelta(days=300), days=60)
    earlier = training.enrolment(earlier_class, c, certificate_date=today - timedelta(days=200))
    registered(earlier)
    office = User.objects.get(username="office")
    claim = claim_submit(by=other_user, scheme=Scheme.objects.get(code="sh_skill_upgrade"), enrolment=earlier,
                         applicant_category="employed")
    claim_approve(claim=claim, by=office)
    batch = payment_batch_create(by=office, district=District.objects.get(code="310104"))
    payment_batch_send(batch=batch, by=office)
    payment_batch_mark_all_paid(batch=batch, by=office)

    return JourneyWorld(institution_id=institution.pk, credit_code=institution.credit_code, project_id=project.pk,
                        site_id=site.pk, trainees=trainees, today=today)


@pytest.fixture
def database_tasks(settings):
    """The production task backend: imports wait in the database until a worker runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_institution_imports_claims_pudong_approves_and_the_office_pays(
    journey_world, database_tasks, new_page, screenshots, problems, tmp_path
):
    page = new_page()
    w = journey_world
    a, b, c = w.trainees

    # 2. `inst` opens a class on its institution page and lands on the class page.
    class_url = _institution_opens_class(page, screenshots, w)

    # 3. A file with a wrong check character is refused whole; the corrected file imports three trainees.
    _import(page, screenshots, tmp_path, w, "broken")
    _import(page, screenshots, tmp_path, w, "fixed")
    _import(page, screenshots, tmp_path, w, "again")  # the same file once more changes nothing
    _class_lists_masked_trainees(page, class_url, w)
    _institution_closes_class(page, screenshots)

    # 4. Claims: A and B pass the automatic checks, C was already paid for this occupation and level.
    claim_a = _submit_claim(page, screenshots, a, passes=True, shot="subsidy-06-claim-a.png")
    _submit_claim(page, screenshots, b, passes=True)
    _submit_claim(page, screenshots, c, passes=False, shot="subsidy-07-claim-c-failed.png")
    log_out(page)

    # 5. The 浦东 district officer approves A and B from the review queue.
    _pudong_approves(page, screenshots, (a, b))
    log_out(page)

    # 6. The programme office batches, sends and settles the two approved claims.
    _office_pays(page, screenshots, claim_a)

    # 7. No script errors on any page.
    assert problems.page == []
    assert problems.console == []


def _institution_opens_class(page, screenshots, w: JourneyWorld) -> str:
    log_in(page, "inst", lands=re.compile(r"/training/classes/$"))
    page.locator("nav.filters").get_by_role("link", name="本机构").click()
    listed = page.locator("table.grid tbody tr")
    expect(listed).to_have_count(1)  # an institution user sees its own institution only
    listed.get_by_role("link", name=INSTITUTION).click()
    expect(page.locator("h1")).to_have_text(INSTITUTION)
    expect(page.locator("#classes")).to_contain_text("尚无培训班")

    page.locator("summary", has_text="开设培训班").click()
    form = page.locator("#class-form")
    form.locator("[name=code]").fill(CLASS_CODE)
    form.locator("[name=project]").select_option(str(w.project_id))
    form.locator("[name=site]").select_option(str(w.site_id))
    form.locator("[name=start_date]").fill(f"{w.today - timedelta(days=70):%Y-%m-%d}")
    form.locator("[name=end_date]").fill(f"{w.today - timedelta(days=20):%Y-%m-%d}")
    form.locator("[name=capacity]").fill("30")
    form.locator("[name=teachers]").fill("陈老师、刘老师")
    screenshots(page, "subsidy-01-open-class.png")
    form.get_by_role("button", name="保存").click()

    expect(page.locator(".messages")).to_contain_text("培训班已开设")
    expect(page.locator("h1")).to_contain_text(CLASS_CODE)
    expect(page.locator("dl.facts")).to_contain_text("4-10-01-05 养老护理员")
    expect(page.locator("#enrolments")).to_contain_text("尚无学员")
    return page.url


def _write_csv(path, w: JourneyWorld, *, broken: bool):
    start, end, issued = (w.today - timedelta(days=d) for d in (77, 20, 10))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for index, trainee in enumerate(w.trainees):
            number = trainee.number
            if broken and index == 1:  # B, spreadsheet row 3
                number = number[:17] + next(ch for ch in "0123456789X" if ch != number[17])
            writer.writerow([w.credit_code, CLASS_CODE, number, trainee.name, OCCUPATION, "四级", f"{start:%Y-%m-%d}",
                             f"{end:%Y-%m-%d}", 120, "合格", trainee.certificate_no, f"{issued:%Y-%m-%d}"])
    return path


def _import(page, screenshots, tmp_path, w: JourneyWorld, upload: str):
    broken = upload == "broken"
    page.locator("nav.filters").get_by_role("link", name="培训记录导入").click()
    expect(page.locator("h1")).to_have_text("培训记录导入")
    name = "trainees-broken.csv" if broken else "trainees.csv"
    page.locator("#upload-form input[type=file]").set_input_files(_write_csv(tmp_path / name, w, broken=broken))
    page.locator("#upload-form").get_by_role("button", name="上传并导入").click()

    # Queued: the progress bar polls while no worker has run yet.
    expect(page.locator(".messages")).to_contain_text("后台任务正在导入")
    progress = page.locator("#progress")
    expect(progress).to_contain_text("等待后台任务执行")
    expect(progress.locator("progress")).to_be_visible()
    if upload == "fixed":
        screenshots(page, "subsidy-03-import-queued.png")

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    # The next poll sees the import finished and reloads the page.
    if broken:
        errors = page.locator("#import-errors")
        expect(errors).to_contain_text("第 3 行“身份证号”")
        expect(errors).to_have_count(1)
        expect(page.locator("section.panel", has_text="未写入任何记录")).to_be_visible()
        expect(page.locator("#import-result")).to_have_count(0)
        assert w.trainees[1].number[:17] not in page.content()
        screenshots(page, "subsidy-02-import-refused.png")
    elif upload == "fixed":
        expect(page.locator("#import-result")).to_contain_text("共 3 行：新增 3，更新 0，未变 0")
        expect(page.locator("#import-errors")).to_have_count(0)
        expect(progress.locator("progress")).to_have_attribute("value", "100")
        screenshots(page, "subsidy-04-import-done.png")
    else:
        expect(page.locator("#import-result")).to_contain_text("共 3 行：新增 0，更新 0，未变 3")
        expect(page.locator("#import-result")).to_contain_text("与已导入的记录相同")


def _class_lists_masked_trainees(page, class_url: str, w: JourneyWorld):
    from jineng.core.identifiers import resident_id_mask

    page.goto(class_url)
    rows = page.locator("#enrolments tbody tr")
    expect(rows).to_have_count(3)
    for trainee in w.trainees:
        row = rows.filter(has_text=trainee.name)
        expect(row).to_contain_text(resident_id_mask(trainee.number))
        expect(row).to_contain_text("已结业")
        expect(row).to_contain_text("合格")
        expect(row).to_contain_text(trainee.certificate_no)
    html = page.content()
    for trainee in w.trainees:
        assert trainee.number not in html


def _institution_closes_class(page, screenshots):
    state = page.locator(".pagehead .state")
    expect(state).to_have_text("招生中")
    page.get_by_role("button", name="改为“开班中”").click()
    expect(state).to_have_text("开班中")
    page.get_by_role("button", name="改为“已结业”").click()
    expect(page.locator(".messages")).to_contain_text("班级状态已更新")
    expect(state).to_have_text("已结业")
    expect(page.get_by_role("button", name=re.compile("^改为"))).to_have_count(0)
    screenshots(page, "subsidy-05-class.png")


def _submit_claim(page, screenshots, trainee: Trainee, *, passes: bool, shot: str = "") -> str:
    page.goto("/subsidies/new/")
    row = page.locator("table.grid tbody tr", has_text=trainee.name)
    expect(row).to_have_count(1)
    row.locator("select[name=scheme]").select_option(label=SCHEME)
    row.locator("select[name=applicant_category]").select_option(label=EMPLOYED)
    row.get_by_role("button", name="提交").click()

    page.wait_for_url(re.compile(r"/subsidies/claims/\d+/$"))
    state = page.locator(".pagehead .state")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(trainee.name)
    expect(facts).to_contain_text(INSTITUTION)
    if passes:
        expect(page.locator(".messages")).to_contain_text("已提交，待审核")
        expect(state).to_have_text("待审核")
        expect(facts.locator(".amount")).to_have_text(AMOUNT)
        trace = page.locator("table.trace tbody tr")
        expect(trace.filter(has_text="补贴标准")).to_contain_text("2000.00 元")
        expect(trace.filter(has_text="目录上浮")).to_contain_text("0%")
        expect(trace.filter(has_text="个人比例")).to_contain_text("80%")
        expect(trace.filter(has_text="取整")).to_contain_text("1600.00")
    else:
        expect(page.locator(".messages")).to_contain_text("未通过自动校验")
        expect(state).to_have_text("未通过自动校验")
        reasons = page.locator("[role=alert]", has_text="只能享受一次")
        expect(reasons).to_contain_text("养老护理员")
        expect(reasons).to_contain_text("同一职业（工种）同一等级只能享受一次")
        expect(facts.locator(".amount")).to_have_text("0.00")
    assert trainee.number not in page.content()
    if shot:
        screenshots(page, shot)
    return page.url


def _pudong_approves(page, screenshots, trainees):
    log_in(page, "pudong")
    page.goto("/subsidies/review/")
    expect(page.locator("h1")).to_contain_text("待审核申请")
    rows = page.locator("table.grid tbody tr")
    expect(rows).to_have_count(len(trainees))
    screenshots(page, "subsidy-08-review.png")
    for trainee in trainees:
        row = rows.filter(has_text=trainee.name)
        expect(row).to_contain_text("浦东新区")
        expect(row).to_contain_text(AMOUNT)
        row.get_by_role("button", name="核准", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("已核准")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("没有待审核的申请")


def _office_pays(page, screenshots, claim_a_url: str):
    log_in(page, "office")
    page.goto("/subsidies/batches/")
    form = page.locator("form.panel", has_text="编制新批次")
    expect(form).to_contain_text("目前有 2 笔")
    form.get_by_role("button", name="编制批次").click()

    expect(page.locator("h1 .state")).to_have_text("编制中")
    expect(page.locator("main, body").first).to_contain_text(f"共 2 笔，{PUDONG_PAID} 元")
    page.get_by_role("button", name="提交拨付").click()
    expect(page.locator("h1 .state")).to_have_text("已提交拨付")
    page.get_by_role("button", name="全部记为已拨付").click()
    expect(page.locator(".messages")).to_contain_text("全部记为已拨付")
    expect(page.locator("body")).to_contain_text("已拨付 2 笔，失败 0 笔")
    screenshots(page, "subsidy-09-batch-paid.png")

    page.goto(claim_a_url)
    expect(page.locator(".pagehead .state")).to_have_text("已拨付")
    expect(page.locator("dl.facts")).to_contain_text("已拨付")
    screenshots(page, "subsidy-10-claim-paid.png")

    page.goto("/subsidies/summary/")
    pudong = page.locator("table.grid tbody tr", has_text="浦东新区")
    expect(pudong.locator("td").nth(-2)).to_have_text(PUDONG_PAID)
    expect(pudong.locator("td").nth(-1)).to_have_text("2")
    # The city total also counts C's earlier payment in 徐汇.
    expect(page.locator("table.grid tfoot th").nth(-2)).to_have_text("4,800.00")
    screenshots(page, "subsidy-11-summary.png")
