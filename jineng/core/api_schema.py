"""The OpenAPI schema class: drf-spectacular's, plus the error answers of ``core.api_errors`` declared once.

Separate from ``core.api`` because drf-spectacular imports DRF's generic views, which import the paginator.
"""

from drf_spectacular import openapi
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """What every refusal answers (``core.api_errors``); a validation error names its fields instead."""

    detail = serializers.CharField(required=False, help_text="一句可据以操作的中文说明")
    code = serializers.CharField(required=False, help_text="invalid / not_allowed / not_found / invalid_state / …")
    errors = serializers.ListField(child=serializers.JSONField(), required=False,
                                   help_text="被拒绝的文件或批次：逐行（逐项）的错误")


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the error answers every operation may give, declared once here."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status in self._error_statuses():
            responses.setdefault(status, self._get_response_for_code(ErrorSerializer, status, direction=direction))
        return responses

    def _error_statuses(self) -> list[str]:
        statuses = ["400", "401", "403", "404"]  # 401: an expired or revoked token, wherever it is sent
        if self.method in {"POST", "PUT", "PATCH", "DELETE"}:
            statuses.append("409")
        if self.view.get_throttles():
            statuses.append("429")
        return statuses
