import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jineng.accounts.demo import system_user_get
from jineng.core.exceptions import ImportRejected
from jineng.core.spreadsheets import file_limits
from jineng.workplan.choices import TargetKind
from jineng.workplan.engine.plan_parser import PlanParseError, parse_plan
from jineng.workplan.models import Category, Indicator
from jineng.workplan.services.plan_import import ImportSummary, plan_import_file


class Command(BaseCommand):
    help = "导入年度重点任务职责分工表（.txt、.xlsx 或 .docx）；重复导入同一文件不会产生变化"

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="分工表文件")
        parser.add_argument("--year", type=int, default=2024, help="工作要点年度（默认 2024）")
        parser.add_argument("--json", action="store_true", dest="as_json", help="同时以 JSON 输出解析结果")

    def handle(self, *args, path: Path, year: int, as_json: bool, **options) -> None:
        try:
            if as_json:
                self._print_json(path, year)
            summary = plan_import_file(path=path, year=year, by=system_user_get())
        except PlanParseError as exc:
            raise CommandError(str(exc)) from exc
        except ImportRejected as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        if not as_json:
            self._print_summary(summary)

    def _print_json(self, path: Path, year: int) -> None:
        parsed = parse_plan(path, limits=file_limits())
        self.stdout.write(json.dumps(parsed.to_json_dict(year), ensure_ascii=False, indent=2))

    def _print_summary(self, summary: ImportSummary) -> None:
        plan = summary.plan
        indicators = Indicator.objects.filter(task__plan=plan)
        self.stdout.write(self.style.SUCCESS(f"已导入 {plan}"))
        self.stdout.write(
            f"  任务：新建 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}，删除 {summary.removed}"
        )
        self.stdout.write(f"  项目分类：{Category.objects.filter(plan=plan).count()} 个")
        self.stdout.write(
            f"  指标：{indicators.count()} 个，其中数量型 {indicators.filter(kind=TargetKind.QUANTITY).count()} 个"
        )
