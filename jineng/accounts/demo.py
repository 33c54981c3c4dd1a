"""The demo's people: the system account, one organisation of each non-government kind and one login per role.

The other apps' demo steps build on these (``demo_user("office")``); the enterprise and institution logins
that own demand reports and classes are created by the demand and training steps.
"""

from dataclasses import dataclass

from django.conf import settings

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation, User
from jineng.core.audit import create_audited
from jineng.core.models import District
from jineng.core.modules import DemoContext, DemoLogin

SYSTEM_USERNAME = "system"
REASON = "生成演示数据"
PROGRAMME_OFFICE = "市人力资源社会保障局高技能人才工作专班办公室"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    organisation: str
    role: str  # what a newcomer can do with it (the README's table, the banner)
    order: int
    superuser: bool = False


ACCOUNTS = (
    DemoAccount("office", "周敏", PROGRAMME_OFFICE, "专班办公室：审核、发布，查看全部", 10),
    DemoAccount("leader", "陈国栋", "市高技能人才队伍建设工作领导小组", "领导：只读", 20),
    DemoAccount("rsj", "王立新", "市人力资源社会保障局", "市级部门：报送本部门任务", 30),
    DemoAccount("jiaowei", "李晓燕", "市教委", "市级部门：报送本部门任务", 31),
    DemoAccount("guoziwei", "赵振华", "市国资委", "市级部门：报送本部门任务", 32),
    DemoAccount("shangwuwei", "孙佳怡", "市商务委", "市级部门：报送本部门任务", 33),
    DemoAccount("pudong", "刘志强", "浦东新区人民政府", "区政府：只看本区", 40),
    DemoAccount("huangpu", "吴静", "黄浦区人民政府", "区政府：只看本区", 41),
    DemoAccount("minhang", "郑海波", "闵行区人民政府", "区政府：只看本区", 42),
    DemoAccount("enterprise", "黄丽娟", "上海示例精密制造有限公司", "企业：尚无记录", 70),
    DemoAccount("institution", "何文杰", "上海示例职业技能培训学校", "培训机构：尚无记录", 71),
    DemoAccount("evaluator", "林雪梅", "上海示例技能评价中心", "评价机构：尚无记录", 72),
    DemoAccount("admin", "系统管理员", PROGRAMME_OFFICE, "Django 后台（超级管理员）", 90, superuser=True),
)
LOGINS = tuple(DemoLogin(account.username, account.role, account.order) for account in ACCOUNTS)

# The reference data holds only government units: one organisation of each other kind, with its district.
ORGANISATIONS = (
    ("上海示例精密制造有限公司", OrganisationKind.ENTERPRISE, "浦东新区"),
    ("上海示例职业技能培训学校", OrganisationKind.TRAINING_INSTITUTION, "徐汇区"),
    ("上海示例技能评价中心", OrganisationKind.EVALUATION_INSTITUTION, "闵行区"),
)


def accounts_demo_seed(context: DemoContext) -> dict[str, int]:
    by = system_user_get()
    users_ensure(by=by)
    usernames = [account.username for account in ACCOUNTS]
    return {"演示账号（各角色）": User.objects.filter(username__in=usernames).count()}


def system_user_get() -> User:
    """The account that imports and generates data: it cannot log in and belongs to no organisation."""
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = User(username=SYSTEM_USERNAME, display_name="系统")
        user.set_unusable_password()
        user.save()
    return user


def demo_user(username: str) -> User:
    """A demo login the accounts step created (``office``, ``rsj``, …)."""
    return User.objects.get(username=username)


def users_ensure(*, by: User) -> dict[str, User]:
    """The demo organisations and logins by username; those already there are left as they are."""
    for name, kind, district in ORGANISATIONS:
        if not Organisation.objects.filter(name=name).exists():
            fields = {
                "kind": kind,
                "short_name": name.removeprefix("上海"),
                "district": District.objects.get(name=district),
            }
            create_audited(Organisation, by=by, reason=REASON, name=name, **fields)
    return {account.username: _user_ensure(account) for account in ACCOUNTS}


def _user_ensure(account: DemoAccount) -> User:
    user = User.objects.filter(username=account.username).first()
    if user is None:  # an existing user keeps whatever password it was given since
        organisation = Organisation.objects.get(name=account.organisation)
        user = User(username=account.username, display_name=account.display_name, organisation=organisation)
        user.is_staff = user.is_superuser = account.superuser
        user.set_password(settings.JINENG_DEMO_PASSWORD)
        user.save()
    return user
