"""``manage.py seed_training_demo [--year 2024]``: the training demo on its own (seed_demo calls it too)."""

import random

from django.core.management.base import BaseCommand

from jineng.training.demo import training_demo_seed


class Command(BaseCommand):
    help = "生成培训演示数据（机构、培训班、学员、签到、学徒及预置的异常模式）；重复运行不会重复生成"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, year: int, seed: int, **options):
        counts = training_demo_seed(rng=random.Random(seed), year=year)
        self.stdout.write("；".join(f"{k} {v}" for k, v in counts.items()))
