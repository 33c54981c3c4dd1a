import json

from django.core.management.base import BaseCommand

from jineng.forecasting.choices import Dimension, Granularity
from jineng.forecasting.models import ForecastRun
from jineng.forecasting.services import forecast_run_execute


class Command(BaseCommand):
    help = "按职业（或产业）预测需求：回测选择模型，输出未来各期预测。--json 输出每个序列的所选模型和各模型回测 MASE。"

    def add_arguments(self, parser):
        parser.add_argument("--dimension", choices=Dimension.values, default=Dimension.OCCUPATION)
        parser.add_argument("--granularity", choices=Granularity.values, default=Granularity.MONTH)
        parser.add_argument("--horizon", type=int, default=12)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        run = ForecastRun.objects.create(dimension=options["dimension"], granularity=options["granularity"], horizon=options["horizon"])
        run = forecast_run_execute(run_id=run.pk)
        results = run.results.order_by("key")
        if options["json"]:
            payload = [{"key": r.key, "label": r.label, "chosen_model": r.chosen_model, "beats_baseline": r.beats_baseline,
                        "mase": {s["model"]: s["mase"] for s in r.scores}} for r in results]
            self.stdout.write(json.dumps({"run": run.pk, "series": payload}, ensure_ascii=False, indent=2))
            return
        beaten = sum(r.beats_baseline for r in results)
        self.stdout.write(f"预测运行 #{run.pk}：{results.count()} 个序列，{beaten} 个优于基线")
