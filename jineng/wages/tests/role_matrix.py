"""The wages part of the role matrix (see tests/role_matrix_apps.py): pages and API × every role.

Roles: office leader department district enterprise institution evaluator anonymous.
"""

from decimal import Decimal

EXPECT: dict[str, str] = {
    #                                    office leader dept  district enterprise institution evaluator anonymous
    "wages:levels": "ok ok ok ok ok ok ok ok",
    "wages:occupation": "ok ok ok ok ok ok ok ok",
    "wages:download": "ok ok ok ok ok ok ok ok",
    "wages:template": "ok ok ok ok ok ok ok ok",
    "wages:versions": "ok ok 403 403 403 403 403 login",
    "wages:compute": "ok 403 403 403 403 403 403 login",
    "wages:version": "ok ok 403 403 403 403 403 login",
    "wages:version_step": "ok 403 403 403 403 403 403 login",
    "wages:uploads": "ok ok 403 ok ok 403 403 login",
    "wages:soe": "ok ok 403 403 403 403 403 login",
    "wages:my_soe_report": "403 403 403 403 ok 403 403 login",
    "wages:workforce": "ok ok 403 ok 403 403 403 login",
    "wages:workforce_export": "ok ok 403 ok 403 403 403 login",
    "wages:windows": "ok ok ok ok ok ok ok ok",
    "wages:window": "ok 404 403 ok 403 403 403 login",
    "wages-version-list": "ok ok ok ok ok ok ok ok",
    "wages-version-detail": "ok ok ok ok ok ok ok ok",
    "wages-version-cells": "ok ok ok ok ok ok ok ok",
    "wages-upload-list": "ok ok ok ok ok ok ok login",
    "wages-soe-report-list": "ok ok ok ok ok ok ok login",
    "wages-window-list": "ok ok ok ok ok ok ok ok",
    "wages-window-detail": "ok ok ok ok ok ok ok ok",
    "api-wages-lookup": "ok ok ok ok ok ok ok ok",
    "api-wages-commitments": "ok ok 403 403 403 403 403 login",
    "api-wages-workforce": "ok ok 403 ok 403 403 403 login",
    "api-wages-workforce-upload": "ok 403 403 ok 403 403 403 login",
}


def _pair(key: str):
    return lambda w: (w[f"{key}_a"].pk, w[f"{key}_b"].pk)


def _public(value):
    return lambda w: (value(w) if callable(value) else value, None)


PARAMETERS = {
    ("wages", "code"): _public("6-18-01-01"),
    ("wages", "version_id"): _pair("wage_version"),  # a: published; b: a draft only the city-wide roles see
    ("wages", "kind"): _public("xlsx"),
    ("wages", "round_id"): _public(lambda w: w["wage_round"].pk),
    ("wages", "step"): _public("submit"),
    ("wages", "window_id"): _pair("wage_window"),  # a: in Pudong (the district login's); b: in Huangpu
    ("wages-version", "pk"): _pair("wage_version"),
    ("wages-window", "pk"): _public(lambda w: w["wage_window_a"].pk),
}


def world_add(world: dict) -> None:
    from jineng.core.models import District
    from jineng.occupations.models import Occupation
    from jineng.wages.models import ServiceWindow, SurveyRound, TableCell, TableVersion

    survey = SurveyRound.objects.create(data_year=2023, publication_year=2024, title="测试工资调查", is_open=True)
    world["wage_round"] = survey
    lathe = Occupation.objects.get(code="6-18-01-01", classification="2022")
    for key, number, state in (("a", 1, "published"), ("b", 2, "draft")):
        version = TableVersion.objects.create(round=survey, number=number, state=state, methodology_version="t",
                                              thresholds={"min_enterprises": 3, "min_workers": 10, "dominance": 0.6})
        for level in (None, 3):
            TableCell.objects.create(version=version, dimension="occupation_level" if level else "occupation",
                                     occupation=lathe, level=level, n_enterprises=4, n_workers=20,
                                     p10=Decimal(80000), p25=Decimal(90000), p50=Decimal(100000),
                                     p75=Decimal(110000), p90=Decimal(120000), mean=Decimal(100500))
        world[f"wage_version_{key}"] = version
    for key, code, lon, lat in (("a", "310115", "121.544", "31.221"), ("b", "310101", "121.484", "31.232")):
        world[f"wage_window_{key}"] = ServiceWindow.objects.create(
            district=District.objects.get(code=code), name=f"测试窗口{key}", address="测试地址", lon=Decimal(lon),
            lat=Decimal(lat), hours="工作日")
