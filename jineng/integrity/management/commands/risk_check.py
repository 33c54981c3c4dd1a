"""`python manage.py risk_check [--json]`: the city-wide risk pass, run inline (no worker needed)."""

import json

from django.core.management.base import BaseCommand

from jineng.integrity.choices import RiskRule
from jineng.integrity.engine.rules import RULES
from jineng.integrity.models import RiskRun
from jineng.integrity.services.runs import risk_run_execute


class Command(BaseCommand):
    help = "运行全市风险核查（全部规则），结果写入风险线索"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出各规则发现数")

    def handle(self, *args, **options):
        run = risk_run_execute(run_id=RiskRun.objects.create(rules_total=len(RULES)).pk)
        seconds = (run.finished_at - run.started_at).total_seconds()
        if options["json"]:
            self.stdout.write(json.dumps({"run": run.pk, "status": run.status, "seconds": round(seconds, 2),
                                          "counts": run.counts}, ensure_ascii=False))
            return
        labels = dict(RiskRule.choices)
        for rule in RULES:
            self.stdout.write(f"{labels[rule]}: {run.counts.get(rule, 0)}")
        self.stdout.write(self.style.SUCCESS(f"风险核查 #{run.pk} 完成，用时 {seconds:.1f} 秒"))
