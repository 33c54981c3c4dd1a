from jineng.accounts.demo import accounts_demo_seed, demo_user
from jineng.core.modules import DemoContext
from jineng.demand.demo import demand_demo_seed
from jineng.recognition.demo import recognition_demo_seed
from jineng.recognition.models import OverseasRecognition, TechnicianAppointment


def test_demo_is_idempotent_and_dated_2024(db):
    accounts_demo_seed(DemoContext(year=2024))
    demand_demo_seed(by=demo_user("office"))

    first = recognition_demo_seed(year=2024)
    second = recognition_demo_seed(year=2024)

    assert first == second and first["特级技师、首席技师聘任"] >= 5 and first["境外证书认可申请"] == 20
    assert {d.year for d in TechnicianAppointment.objects.values_list("appointed_on", flat=True)} == {2024}
    decided = OverseasRecognition.objects.exclude(decided_on=None).values_list("decided_on", flat=True)
    assert {d.year for d in decided} == {2024}
    assert set(OverseasRecognition.objects.values_list("state", flat=True)) == {"submitted", "recognised", "refused"}
    assert set(OverseasRecognition.history.values_list("history_date__year", flat=True)) == {2024}
    assert OverseasRecognition.history.filter(history_change_reason__startswith="予以认可").exists()
