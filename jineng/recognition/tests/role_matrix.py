"""Item 26's part of the role matrix: "a" records belong to the matrix's enterprise (浦东), "b" to another
enterprise in 黄浦."""

from datetime import date

from jineng.core.engine.identifiers import resident_id_check_char
from jineng.core.models import District
from jineng.core.people import person_register
from jineng.demand.models import EnterpriseProfile
from jineng.occupations.models import Occupation
from jineng.recognition.models import OverseasRecognition, TechnicianAppointment

#                                          office leader dept district enterprise institution evaluator anonymous
EXPECT = {
    "recognition:appointments": "ok ok 403 ok ok 403 403 login",
    "recognition:overseas": "ok ok 403 ok ok 403 403 login",
    "recognition:overseas_new": "ok 403 403 ok ok 403 403 login",
    "recognition:overseas_detail": "ok ok 403 ok ok 403 403 login",
    "recognition:overseas_recognise": "ok 403 404 403 403 404 404 login",
    "recognition:overseas_refuse": "ok 403 404 403 403 404 404 login",
    "recognition-appointment-list": "ok ok 403 ok ok 403 403 login",
    "recognition-appointment-detail": "ok ok 403 ok ok 403 403 login",
    "recognition-overseas-list": "ok ok 403 ok ok 403 403 login",
    "recognition-overseas-detail": "ok ok 403 ok ok 403 403 login",
    "recognition-overseas-recognise": "ok 403 403 403 403 403 403 login",
    "recognition-overseas-refuse": "ok 403 403 403 403 403 403 login",
}


def _pair(key: str):
    return lambda w: (w[f"{key}_a"].pk, w[f"{key}_b"].pk)


PARAMETERS = {
    ("recognition", "recognition_id"): _pair("recognition"),
    ("recognition-appointment", "pk"): _pair("appointment"),
    ("recognition-overseas", "pk"): _pair("recognition"),
}


def world_add(world: dict) -> None:
    own = world["users"]["enterprise"]
    other = EnterpriseProfile.objects.exclude(organisation=own.organisation).select_related("organisation").first()
    lathe = Occupation.objects.get(code="6-18-01-01")
    for key, organisation, district, number in (
            ("a", own.organisation, "310115", "310115199001011236"),
            ("b", other.organisation, "310101", "310101198502023458")):
        number = number[:17] + resident_id_check_char(number[:17])
        person = person_register(resident_id=number, name=f"测试{key}")
        district_row = District.objects.get(code=district)
        world[f"appointment_{key}"] = TechnicianAppointment.objects.create(
            enterprise=organisation, district=district_row, person=person, occupation=lathe, level=6,
            appointed_on=date(2024, 3, 1), term_years=3, term_ends_on=date(2027, 3, 1), document_number="测〔2024〕1号",
            recorded_by=own)
        world[f"recognition_{key}"] = OverseasRecognition.objects.create(
            person=person, country="德国", issuing_body="IHK", certificate_title="测试证书", certificate_number=key,
            occupation=lathe, level=3, organisation=organisation, district=district_row, submitted_by=own)
