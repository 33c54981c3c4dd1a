"""Apps may declare their part of the role matrix beside their own tests, in ``jineng/<app>/tests/role_matrix.py``:

- ``EXPECT``: URL name -> one outcome per role (as in ``tests/role_matrix.py``);
- ``PARAMETERS``: (app or API resource, path parameter) -> function of the world giving (inside, outside or None);
- ``world_add(world)``: adds the app's records (key ``"<name>_a"`` in the roles' scope, ``"<name>_b"`` outside).
  ``world["users"]["evaluator"]`` is the evaluation institution's login; the others as in ``role_matrix_world``.
"""

import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def app_matrices() -> list:
    modules = []
    for path in sorted((ROOT / "jineng").glob("*/tests/role_matrix.py")):
        modules.append(importlib.import_module(f"jineng.{path.parent.parent.name}.tests.role_matrix"))
    return modules
