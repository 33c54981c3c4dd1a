"""``manage.py import_training PATH [--institution CREDIT_CODE] [--json]``: import training records now."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jineng.training.models import Institution
from jineng.training.services.imports import training_import_run


class Command(BaseCommand):
    help = "导入培训记录（.csv 或 .xlsx，按中文表头）；任何一行有误则不写入，重复导入不重复计数"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--institution", help="只接受该统一社会信用代码的机构的记录")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, path: Path, institution: str | None, **options):
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        inst = None
        if institution:
            inst = Institution.objects.filter(credit_code=institution.strip().upper()).first()
            if inst is None:
                raise CommandError(f"没有统一社会信用代码为 {institution} 的培训机构")
        record = training_import_run(content=path.read_bytes(), file_name=path.name, by=None, institution=inst)
        outcome = {"import_id": record.pk, "status": record.status, "rows": record.rows_total,
                   "created": record.created_count, "updated": record.updated_count,
                   "unchanged": record.unchanged_count, "errors": record.errors_shown}
        if options["json"]:
            self.stdout.write(_dumps(outcome))
        elif record.status == "done":
            self.stdout.write(self.style.SUCCESS(
                f"导入完成（#{record.pk}）：{record.rows_total} 行，新增 {record.created_count}，"
                f"更新 {record.updated_count}，未变 {record.unchanged_count}"))
        else:
            for error in record.errors_shown:
                self.stderr.write(error)
        if record.status != "done":
            raise CommandError(f"未导入（#{record.pk}，{record.get_status_display()}）：共 {len(record.errors_shown)} 处错误")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
