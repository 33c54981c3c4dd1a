import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from jineng.core.modules import demo_logins

HEADERS = ("用户名", "角色", "机构", "密码")


def _width(text: str) -> int:
    """Columns a terminal gives the text: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def demo_login_rows() -> list[tuple[str, str, str]]:
    """(username, role, organisation) of each registered demo login that is in the database, in display order."""
    logins = demo_logins()
    users = get_user_model().objects.filter(username__in=[login.username for login in logins])
    organisations = {user.username: str(getattr(user, "organisation", None) or "") for user in users}
    return [(login.username, str(login.role), organisations[login.username])
            for login in logins if login.username in organisations]


class Command(BaseCommand):
    help = "打印演示站点地址和演示账号表"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", required=True, help="演示站点地址，如 http://127.0.0.1:8000/")

    def handle(self, *args, url: str, **options) -> None:
        rows = [(*row, settings.JINENG_DEMO_PASSWORD) for row in demo_login_rows()]
        if not rows:
            self.stderr.write("尚无演示账号，请先运行 python manage.py seed_demo")
        widths = [max(_width(cell) for cell in column) for column in zip(HEADERS, *rows, strict=False)]
        self.stdout.write(self.style.SUCCESS(f"技能人才工作平台演示站点：{url}"))
        for row in (HEADERS, *rows):
            self.stdout.write(
                "  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
