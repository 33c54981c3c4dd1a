import pytest

from jineng.occupations.models import Occupation
from jineng.portal.services.course_index import course_index_rebuild
from jineng.training.tests import factories


@pytest.fixture
def courses(db):
    """Two institutions: a 车工 course (三级) in Pudong and an 养老护理员 course (四级) in Huangpu."""
    lathe = Occupation.objects.filter(name="车工", classification="2022").first()
    care = Occupation.objects.filter(name="养老护理员", classification="2022").first()
    pudong = factories.institution(name="上海浦江机电培训学校")
    huangpu = factories.institution(name="上海黄浦康养培训中心", district="310101")
    lathe_course = factories.project(pudong, code=lathe.code, level=3, fee="3000.00")
    care_course = factories.project(huangpu, code=care.code, level=2, fee="1500.00")
    factories.training_class(lathe_course)
    course_index_rebuild()
    return {"lathe": lathe_course, "care": care_course, "pudong": pudong, "huangpu": huangpu}
