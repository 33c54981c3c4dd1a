"""The risk pass: run each rule's SQL, group its rows into findings with a fingerprint, score and summary.

``risk_pass(execute, dialect)`` takes any function that runs one SQL statement and returns its rows, so the
same code runs over Django's connection (the background task) and over DuckDB (the bench).
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import groupby
from typing import Any

from jineng.integrity.engine import scoring, sql
from jineng.integrity.engine.dialect import Dialect
from jineng.integrity.engine.params import DEFAULT_PARAMS, RiskParams

Execute = Callable[[str], list[tuple]]


@dataclass(frozen=True)
class FindingDraft:
    rule: str
    fingerprint: str
    score: Decimal
    summary: str
    evidence: dict[str, Any] = field(default_factory=dict)
    institution_id: int | None = None
    district_id: int | None = None
    person_id: int | None = None


def _day(value) -> date:
    return date(1970, 1, 1) + timedelta(days=int(value))


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _int(value) -> int | None:
    return None if value is None else int(value)


def _most_common(values: Iterable) -> int | None:
    counted: dict = {}
    for value in values:
        if value is not None:
            counted[value] = counted.get(value, 0) + 1
    return _int(max(counted, key=lambda v: (counted[v], -v))) if counted else None


def _duplicate_claim(rows, p: RiskParams) -> list[FindingDraft]:
    drafts = []
    for (person, occupation, level), group in groupby(rows, key=lambda r: (r[0], r[1], r[2])):
        group = list(group)
        n_inst, n_dist, n_wt = (int(v) for v in group[0][3:6])
        last = group[-1]
        kind = "跨机构/跨区重复申领" if max(n_inst, n_dist) > 1 else "不同工种同等级近似重复申领"
        drafts.append(FindingDraft(
            rule="duplicate_claim", fingerprint=f"{person}:{occupation}:{int(level)}",
            score=scoring.score_duplicate_claim(institutions=n_inst, districts=n_dist, work_types=n_wt),
            summary=f"同一人员同一职业同一等级共 {len(group)} 笔申请，涉及 {n_inst} 家机构、{n_dist} 个区、{n_wt} 个工种（{kind}）",
            evidence={"claims": [int(r[6]) for r in group],
                      "metrics": {"claims": len(group), "institutions": n_inst, "districts": n_dist,
                                  "work_types": n_wt}},
            institution_id=_int(last[7]) or None, district_id=_int(last[8]), person_id=int(person),
        ))
    return drafts


def _shared_device(rows, p: RiskParams) -> list[FindingDraft]:
    drafts = []
    for (device, day), group in groupby(rows, key=lambda r: (r[0], int(r[1]))):
        group = list(group)
        trainees = int(group[0][2])
        drafts.append(FindingDraft(
            rule="shared_device", fingerprint=f"{device}:{_day(day).isoformat()}"[:200],
            score=scoring.score_shared_device(trainees=trainees, threshold=p.device_min_trainees),
            summary=f"设备 {device[:40]} 于 {_day(day):%Y-%m-%d} 在 {p.device_window_minutes} 分钟内为 {trainees} 名不同学员签到",
            evidence={"check_ins": [int(r[3]) for r in group][: p.evidence_limit],
                      "persons": sorted({int(r[4]) for r in group})[: p.evidence_limit],
                      "metrics": {"device": device, "day": _day(day).isoformat(), "trainees": trainees,
                                  "check_ins": len(group), "window_minutes": p.device_window_minutes}},
            institution_id=_most_common(_int(r[5]) for r in group),
        ))
    return drafts


def _overlapping_classes(rows, p: RiskParams) -> list[FindingDraft]:
    drafts = []
    for person, e1, e2, c1, c2, _i1, i2, s1, end1, s2, end2 in rows:
        start, end = max(_as_date(s1), _as_date(s2)), min(_as_date(end1), _as_date(end2))
        overlap = (end - start).days + 1
        drafts.append(FindingDraft(
            rule="overlapping_classes", fingerprint=f"{person}:{e1}:{e2}",
            score=scoring.score_overlapping_classes(overlap_days=overlap),
            summary=f"同一学员同时在两个培训班学习且均有签到，时间重叠 {overlap} 天（{start:%Y-%m-%d} 至 {end:%Y-%m-%d}）",
            evidence={"enrolments": [int(e1), int(e2)], "classes": [int(c1), int(c2)],
                      "metrics": {"overlap_days": overlap, "from": start.isoformat(), "to": end.isoformat()}},
            institution_id=_int(i2), person_id=int(person),
        ))
    return drafts


def _impossible_travel(rows, p: RiskParams) -> list[FindingDraft]:
    drafts = []
    for (person, day), group in groupby(rows, key=lambda r: (r[0], int(r[1]))):
        group = list(group)
        legs = [(float(r[5]), float(r[6])) for r in group]
        speeds = [km * 3600 / dt if dt > 0 else math.inf for km, dt in legs]
        fastest = max(range(len(group)), key=lambda i: speeds[i])
        km, dt = legs[fastest]
        speed = speeds[fastest]
        speed_text = "瞬时" if speed == math.inf else f"约 {speed:.0f} 公里/小时"
        drafts.append(FindingDraft(
            rule="impossible_travel", fingerprint=f"{person}:{_day(day).isoformat()}",
            score=scoring.score_impossible_travel(speed_kmh=speed, limit_kmh=p.travel_max_kmh),
            summary=f"同一学员 {_day(day):%Y-%m-%d} 先后在相距 {km:.1f} 公里的两地签到，间隔 {dt / 60:.0f} 分钟（{speed_text}）",
            evidence={"check_ins": sorted({int(r[2]) for r in group} | {int(r[3]) for r in group}),
                      "metrics": {"km": round(km, 2), "minutes": round(dt / 60, 1),
                                  "speed_kmh": None if speed == math.inf else round(speed, 1),
                                  "limit_kmh": p.travel_max_kmh}},
            institution_id=_int(group[fastest][4]), person_id=int(person),
        ))
    return drafts


def _pass_rate_outlier(rows, p: RiskParams) -> list[FindingDraft]:
    drafts = []
    for institution, occupation, year, n, k, n0, p0, z in rows:
        n, k, p0, z = int(n), int(k), float(p0), float(z)
        drafts.append(FindingDraft(
            rule="pass_rate_outlier", fingerprint=f"{institution}:{occupation}:{int(year)}",
            score=scoring.score_pass_rate_outlier(z=z, threshold=p.pass_rate_min_z),
            summary=f"{int(year)} 年该机构此职业考核通过率 {k / n:.0%}（{k}/{n}），全市其余机构 {p0:.0%}，z = {z:.1f}",
            evidence={"metrics": {"occupation_id": int(occupation), "year": int(year), "examined": n, "passed": k,
                                  "rate": round(k / n, 4), "others_examined": int(n0), "others_rate": round(p0, 4),
                                  "z": round(z, 2)}},
            institution_id=int(institution),
        ))
    return drafts


def _over_capacity(rows, p: RiskParams) -> list[FindingDraft]:
    drafts = []
    for (klass, institution, capacity, n), group in groupby(rows, key=lambda r: tuple(int(v) for v in r[:4])):
        group = list(group)
        drafts.append(FindingDraft(
            rule="over_capacity", fingerprint=f"class:{klass}",
            score=scoring.score_over_capacity(claimed=n, capacity=capacity),
            summary=f"培训班核定 {capacity} 人，申领补贴人数 {n} 人，超出 {n - capacity} 人",
            evidence={"classes": [klass], "claims": [int(r[4]) for r in group][: p.evidence_limit],
                      "metrics": {"capacity": capacity, "claimed": n}},
            institution_id=institution,
        ))
    return drafts


def _claim_burst(rows, p: RiskParams) -> list[FindingDraft]:
    drafts = []
    for (org, day), group in groupby(rows, key=lambda r: (int(r[0]), int(r[1]))):
        group = list(group)
        n = int(group[0][2])
        drafts.append(FindingDraft(
            rule="claim_burst", fingerprint=f"{org}:{_day(day).isoformat()}",
            score=scoring.score_claim_burst(claims=n, threshold=p.burst_min_claims),
            summary=f"同一申请单位 {_day(day):%Y-%m-%d} 在 {p.burst_window_minutes} 分钟内提交 {n} 笔补贴申请",
            evidence={"claims": [int(r[3]) for r in group][: p.evidence_limit],
                      "metrics": {"organisation_id": org, "claims": n, "window_minutes": p.burst_window_minutes,
                                  "day": _day(day).isoformat()}},
            institution_id=_int(group[0][4]), district_id=_int(group[0][5]),
        ))
    return drafts


def _implausible_age(rows, p: RiskParams) -> list[FindingDraft]:
    drafts = []
    for person, group in groupby(rows, key=lambda r: int(r[0])):
        group = list(group)
        ages = [int(r[4]) for r in group]
        worst = min(ages) if min(ages) < p.min_age else max(ages)
        drafts.append(FindingDraft(
            rule="implausible_age", fingerprint=f"person:{person}",
            score=scoring.score_implausible_age(age=worst, min_age=p.min_age, max_age=p.max_age),
            summary=f"按身份证出生日期，报名或申领时年龄为 {worst} 岁，不在 {p.min_age}–{p.max_age} 岁合理范围内",
            evidence={"enrolments": [int(r[2]) for r in group if r[1] == "enrolment"],
                      "claims": [int(r[2]) for r in group if r[1] == "claim"],
                      "metrics": {"age": worst, "min_age": p.min_age, "max_age": p.max_age}},
            institution_id=_most_common(_int(r[3]) for r in group), person_id=person,
        ))
    return drafts


RULES: dict[str, tuple[Callable[[Dialect, RiskParams], str], Callable]] = {
    "duplicate_claim": (sql.duplicate_claim, _duplicate_claim),
    "shared_device": (sql.shared_device, _shared_device),
    "overlapping_classes": (sql.overlapping_classes, _overlapping_classes),
    "impossible_travel": (sql.impossible_travel, _impossible_travel),
    "pass_rate_outlier": (sql.pass_rate_outlier, _pass_rate_outlier),
    "over_capacity": (sql.over_capacity, _over_capacity),
    "claim_burst": (sql.claim_burst, _claim_burst),
    "implausible_age": (sql.implausible_age, _implausible_age),
}


def rule_sql(rule: str, dialect: Dialect, params: RiskParams = DEFAULT_PARAMS) -> str:
    return RULES[rule][0](dialect, params)


def rule_run(rule: str, execute: Execute, dialect: Dialect, params: RiskParams = DEFAULT_PARAMS) -> list[FindingDraft]:
    builder, grouper = RULES[rule]
    return grouper(execute(builder(dialect, params)), params)


def risk_pass(execute: Execute, dialect: Dialect, params: RiskParams = DEFAULT_PARAMS,
              on_rule: Callable[[str, list[FindingDraft]], None] | None = None) -> dict[str, list[FindingDraft]]:
    """Every rule in turn; ``on_rule`` is told after each (the task stores findings and progress there)."""
    found = {}
    for rule in RULES:
        found[rule] = rule_run(rule, execute, dialect, params)
        if on_rule is not None:
            on_rule(rule, found[rule])
    return found
