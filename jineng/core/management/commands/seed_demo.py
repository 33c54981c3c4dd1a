import time

from django.core.management.base import BaseCommand, CommandError

from jineng.core import metrics
from jineng.core.modules import DemoContext, UnknownDemoStep, demo_plan, demo_steps

DEMO_YEAR = 2024


class Command(BaseCommand):
    help = "生成演示数据：依次运行各模块登记的演示步骤（可重复运行）"

    def add_arguments(self, parser) -> None:
        steps = "；".join(f"{step.name}（{step.description}）" for step in demo_steps())
        parser.add_argument("--reset", action="store_true", help="先删除演示报告、完成值和分区目标，再重新生成")
        parser.add_argument(
            "--skip", action="append", default=[], metavar="STEP",
            help=f"跳过这一步和依赖它的步骤，可重复使用。步骤：{steps}",
        )
        parser.add_argument(
            "--only", action="append", default=[], metavar="STEP",
            help="只运行这一步、它依赖的步骤和随后的汇总步骤，可重复使用",
        )
        parser.add_argument(
            "--without-training", action="store_true",
            help="同 --skip training：不生成培训、补贴和风险核查的演示数据（只要督办台、目录、需求和预测时更快）",
        )

    def handle(self, *args, reset: bool, skip: list[str], only: list[str] | None = None,
               without_training: bool = False, **options) -> None:
        started = time.monotonic()
        try:
            plan = demo_plan(skip=[*skip, *(["training"] if without_training else [])], only=only or ())
        except UnknownDemoStep as exc:
            raise CommandError(f"没有这个演示步骤：{exc}") from exc
        context = DemoContext(year=DEMO_YEAR, reset=reset)
        for step in plan.steps:
            self.stdout.write(f"{step.name}：{step.description}")
            for label, value in step.run(context).items():
                self.stdout.write(f"  {label}：{value}")
        # The steps write in bulk, past the signals that drop cached metric values.
        metrics.metrics_records_changed(*{label for metric in metrics.metric_list() for label in metric.invalidated_by})
        if plan.skipped:
            self.stdout.write(f"已跳过：{', '.join(plan.skipped)}")
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪，用时 {time.monotonic() - started:.1f} 秒"))
