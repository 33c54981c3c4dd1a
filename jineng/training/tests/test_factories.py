from jineng.core.districts import district_contains
from jineng.training.tests import factories


def test_factories_build_a_class_with_a_completed_trainee(db):
    inst = factories.institution()
    klass = factories.training_class(factories.project(inst))

    enrolment = factories.enrolment(klass)

    assert enrolment.certificate_no and enrolment.person.resident_id_masked.count("*") == 8
    assert district_contains(inst.district.geometry, klass.site.lon, klass.site.lat)
