"""Service points' part of the role matrix (see tests/role_matrix_apps.py)."""


def world_add(world: dict) -> None:
    from jineng.servicepoints.tests import factories as f

    world["sp_point_a"] = f.point(district="310115", name="矩阵服务站A")
    world["sp_point_b"] = f.point(district="310101", name="矩阵服务站B")


PARAMETERS = {
    ("servicepoints", "point_id"): lambda w: (w["sp_point_a"].pk, w["sp_point_b"].pk),
}

EXPECT: dict[str, str] = {
    #                                    office leader dept  district enterprise institution evaluator anonymous
    "api-portal-nearby": "ok ok ok ok ok ok ok ok",
    "api-portal-service-points": "ok ok ok ok ok ok ok ok",
    "servicepoints:circle": "ok ok ok ok ok ok ok ok",
    "servicepoints:districts": "ok ok ok ok ok ok ok ok",
    "servicepoints:map": "ok ok ok ok ok ok ok ok",
    "servicepoints:planner": "ok 403 403 ok 403 403 403 login",
    "servicepoints:planner_export": "ok 403 403 ok 403 403 403 login",
    "servicepoints:point": "ok 403 403 ok 403 403 403 login",
    "servicepoints:point_new": "ok 403 403 ok 403 403 403 login",
    "servicepoints:register": "ok 403 403 ok 403 403 403 login",
}
