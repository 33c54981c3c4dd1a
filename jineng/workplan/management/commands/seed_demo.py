import random
import time

from django.core.management.base import BaseCommand

from jineng.core import metrics
from jineng.demand.demo import demand_demo_seed
from jineng.forecasting.demo import forecast_demo_run
from jineng.integrity.demo import integrity_demo_run
from jineng.occupations.demo import catalogue_demo_seed
from jineng.subsidies.demo import subsidies_demo_seed
from jineng.training.demo import training_demo_seed
from jineng.workplan.demo import (
    LAST_MONTH,
    YEAR,
    demo_figures_from_records,
    demo_metrics_bound,
    demo_seed,
    demo_users_ensure,
    system_user_get,
)
from jineng.workplan.models import Plan

INTEGRITY_LABELS = {
    "run": "风险核查运行", "counts": "各规则风险线索", "confirmed": "已查实线索", "dismissed": "已排除线索",
    "ratings": "机构质量诚信等级", "published": "已公布等级",
}


class Command(BaseCommand):
    help = f"生成演示数据：{YEAR} 年工作要点、各角色演示账号、分区目标和 1–{LAST_MONTH} 月的月度报告（可重复运行）"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="先删除演示报告、完成值和分区目标，再重新生成"
        )
        parser.add_argument(
            "--without-training", action="store_true",
            help="不生成培训、补贴和风险核查的演示数据（只要督办台、目录、需求和预测时更快）",
        )

    def handle(self, *args, reset: bool, without_training: bool = False, **options) -> None:
        started = time.monotonic()
        result = demo_seed(reset=reset)
        if not result.reports_created:
            self.stdout.write("月度报告已存在，未重复生成（需要重建请加 --reset）")
        for label, count in result.counts.items():
            self.stdout.write(f"  {label}：{count}")
        office = demo_users_ensure(by=system_user_get())["office"]
        for label, count in catalogue_demo_seed(by=office).labelled().items():
            self.stdout.write(f"  {label}：{count}")
        for label, count in demand_demo_seed(by=system_user_get()).items():
            self.stdout.write(f"  {label}：{count}")
        training_steps = () if without_training else (
            lambda: training_demo_seed(rng=random.Random(2024), year=YEAR),
            lambda: subsidies_demo_seed(rng=random.Random(2025), year=YEAR),
            lambda: {INTEGRITY_LABELS.get(key, key): value for key, value in integrity_demo_run(year=YEAR).items()},
        )
        for step in training_steps:
            for label, count in step().items():
                self.stdout.write(f"  {label}：{count}")
        if not without_training:
            figures = demo_figures_from_records(plan=Plan.objects.get(year=YEAR))
            self.stdout.write(f"  按业务数据填报的指标值：{figures}")
        # the module demos write in bulk, past the signals that drop cached metric values
        metrics.metrics_records_changed(*{label for m in metrics.metric_list() for label in m.invalidated_by})
        bound = demo_metrics_bound()
        run = forecast_demo_run()
        self.stdout.write(f"  需求预测：运行 #{run.pk}，{run.series_done} 个序列")
        self.stdout.write(f"  绑定系统指标：{bound}")
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪，用时 {time.monotonic() - started:.1f} 秒"))
