import pytest

from jineng.core.exceptions import DomainError
from jineng.core.models import District
from jineng.demand.models import EnterpriseProfile
from jineng.demand.services.enterprises import enterprise_register
from jineng.occupations.models import Industry

pytestmark = pytest.mark.django_db


def _register(code, name="上海某某微电子有限公司", by=None):
    return enterprise_register(name=name, credit_code=code, district=District.objects.get(code="310115"),
                               industry=Industry.objects.get(code="IC"), size="large", by=by)


@pytest.mark.parametrize("code", ["914403001922038216", "91310000132260250X", " 91310000132260250x "])
def test_accepts_valid_credit_codes_and_stores_them_normalised(code):
    profile = _register(code)

    assert profile.credit_code == code.strip().upper()
    assert profile.organisation.kind == "enterprise"
    assert profile.history.count() == 1


@pytest.mark.parametrize("code", ["914403001922038217", "91310000132260250Y"])
def test_refuses_a_changed_check_character_naming_the_field(code):
    with pytest.raises(DomainError) as error:
        _register(code)

    assert "“统一社会信用代码”" in str(error.value)
    assert "校验位错误" in str(error.value)
    assert not EnterpriseProfile.objects.exists()


def test_refuses_wrong_length_and_letters_outside_the_alphabet():
    with pytest.raises(DomainError, match="应为 18 位"):
        _register("91310000132260250")
    with pytest.raises(DomainError, match="不是允许的字符"):
        _register("9131000013226025OX")


def test_refuses_a_credit_code_already_registered():
    _register("914403001922038216")

    with pytest.raises(DomainError, match="已登记为上海某某微电子有限公司"):
        _register("914403001922038216", name="上海另一家有限公司")


def test_only_the_programme_office_registers_enterprises(city_officer, rsj_officer):
    assert _register("914403001922038216", by=city_officer).pk

    with pytest.raises(DomainError, match="专班办公室"):
        _register("91310000132260250X", name="上海第二家有限公司", by=rsj_officer)


def test_audit_trail_names_a_changed_foreign_key_in_one_query_per_model(db, django_assert_max_num_queries):
    from jineng.core.audit import audit_trail, save_audited
    from jineng.core.models import District
    from jineng.demand.tests import factories

    profile = factories.enterprise(district="310115")
    for code in ("310101", "310104", "310105"):
        profile.district = District.objects.get(code=code)
        save_audited(profile, by=None, reason="迁址", update_fields=["district"])

    with django_assert_max_num_queries(3):
        trail = audit_trail(profile)

    moves = [(c.old, c.new) for entry in trail for c in entry.changes if c.field == "所在区"]
    assert moves[0] == ("徐汇区", "长宁区") and ("浦东新区", "黄浦区") in moves
