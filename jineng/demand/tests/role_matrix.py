"""The demand app's part of the role matrix (see ``tests/role_matrix_apps.py``): the background uploads."""

from jineng.demand.models import DemandUpload

EXPECT: dict[str, str] = {
    #                                    office leader dept  district enterprise institution evaluator anonymous
    "demand:upload": "ok ok ok ok ok 403 403 login",
    "demand:upload_progress": "ok ok ok ok ok 403 403 login",
    "demand-upload-list": "ok ok ok ok ok ok ok login",
    "demand-upload-detail": "ok ok ok ok ok 404 404 login",
}


def _pair(w):
    return w["demand_upload_a"].pk, w["demand_upload_b"].pk


PARAMETERS = {
    ("demand", "upload_id"): _pair,
    ("demand-upload", "pk"): _pair,
}


def world_add(world: dict) -> None:
    for key in ("a", "b"):
        report = world[f"demand_report_{key}"]
        world[f"demand_upload_{key}"] = DemandUpload.objects.create(
            report=report, file_name="需求.xlsx", sha256=key * 64, status="done", created_by=report.created_by)
