"""No view or API class catches domain errors by hand: the API handler and ``core.views.attempt`` do it once."""

import re
from pathlib import Path

JINENG = Path(__file__).resolve().parents[2] / "jineng"
HAND_CAUGHT = re.compile(r"except \(?[\w., ]*\b(DomainError|ImportRejected|NotAllowed|InvalidState|RecordNotFound|"
                         r"BatchRejected|SurveyAlreadyAnswered)\b|def _domain\(")


def _doors():
    for path in sorted(JINENG.rglob("*.py")):
        relative = path.relative_to(JINENG).as_posix()
        if "/tests/" in relative or relative == "core/views.py":
            continue
        if relative.endswith(("/api.py", "/views.py")) or "/views/" in relative:
            yield relative, path.read_text(encoding="utf-8")


def test_no_view_or_api_module_catches_a_domain_error():
    offenders = [f"{name}:{text[:match.start()].count(chr(10)) + 1}"
                 for name, text in _doors() for match in HAND_CAUGHT.finditer(text)]

    assert offenders == []
