"""``manage.py seed_subsidies_demo [--year 2024]``: the subsidy demo on its own, after the training demo."""

import random

from django.core.management.base import BaseCommand

from jineng.subsidies.demo import subsidies_demo_seed


class Command(BaseCommand):
    help = "生成补贴演示数据（各状态的申请、拨付批次及预置的异常模式）；重复运行不会重复生成"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, year: int, seed: int, **options):
        counts = subsidies_demo_seed(rng=random.Random(seed), year=year)
        self.stdout.write("；".join(f"{k} {v}" for k, v in counts.items()))
