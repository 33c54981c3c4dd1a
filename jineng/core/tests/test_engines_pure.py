"""Every engine module imports without Django: rules and parsing run (and are tested) as plain Python."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import jineng

ROOT = Path(jineng.__file__).resolve().parent


def _engine_modules() -> list[str]:
    modules = []
    for package in sorted(ROOT.glob("*/engine/__init__.py")):
        name = f"jineng.{package.parent.parent.name}.engine"
        modules.append(name)
        modules += [f"{name}.{info.name}" for info in pkgutil.iter_modules([str(package.parent)])]
    return modules


def test_engines_include_the_identifier_checks_and_the_training_rows():
    modules = _engine_modules()

    assert "jineng.core.engine.identifiers" in modules
    assert "jineng.training.engine.records" in modules


def test_every_engine_module_imports_with_django_absent():
    # None in sys.modules makes any import of the package fail, however deep in the chain it happens.
    code = ("import sys\nsys.modules['django'] = None\nsys.modules['rest_framework'] = None\n"
            + "".join(f"import {name}\n" for name in _engine_modules()))

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT.parent, check=False)  # noqa: S603 - our own interpreter and module names

    assert result.returncode == 0, result.stderr[-2000:]
