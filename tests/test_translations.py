"""Both languages complete: no bare Chinese literal where interface text is written, and a complete catalogue.

Services, views, API classes and permission modules say everything a user reads through gettext. What may stay
a bare Chinese literal is data the platform reads or writes in Chinese whatever the interface language: the
plan's own keywords, the column headers of the Chinese import templates, the values of files the platform reads,
and audit reasons built from record values. Those are named below, or sit where they can only be data
(compared with input, looked up as a key, a regular expression, a database lookup).
"""

import ast
import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
GETTEXT = {"_", "_lazy", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
ORM = {"filter", "exclude", "get", "get_or_create", "update_or_create", "create", "update", "annotate", "values"}
LOG = {"debug", "info", "warning", "error", "exception", "critical"}

# Module-level constants that are data, not interface text: file formats and the plan's own keywords.
DATA_CONSTANTS = {
    "ALL_DISTRICTS", "ALL_MEMBERS", "DESIGNATED_DISTRICTS",  # lead-unit keywords of the task-division table
    "COLUMNS", "HEADERS", "TEMPLATE_HEADERS", "GUIDE",  # headers and guide of the Chinese import templates
    "METHODS", "_SPECIAL_ENDINGS",  # values read from files; name endings of the classification
}


def interface_modules() -> list[Path]:
    found = []
    for path in sorted((ROOT / "jineng").rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        if "services" in parts or "views" in parts or path.name in {"services.py", "views.py", "api.py",
                                                                   "permissions.py"}:
            found.append(path)
    return found


def _parents(tree: ast.AST) -> dict:
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def _is_data(node: ast.AST, parents: dict) -> bool:
    child, parent = node, parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        if isinstance(parent, ast.Compare):
            return True
        if isinstance(parent, ast.Dict) and any(key is child for key in parent.keys):
            return True
        if isinstance(parent, ast.Subscript) and parent.slice is child:
            return True
        if isinstance(parent, ast.keyword) and (parent.arg == "reason" or (parent.arg and "__" in parent.arg)):
            return True
        if isinstance(parent, ast.Call):
            func = parent.func
            if isinstance(func, ast.Name) and func.id in GETTEXT:
                return True
            if isinstance(func, ast.Attribute) and func.attr in ORM | LOG:
                return True
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "re":
                return True
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and isinstance(parents.get(parent), ast.Module):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            if any(isinstance(t, ast.Name) and t.id in DATA_CONSTANTS for t in targets):
                return True
        child, parent = parent, parents.get(parent)
    return False


def bare_literals(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
            parent = parents.get(node)
            if isinstance(parent, (ast.Expr, ast.JoinedStr)):  # docstrings; f-strings are judged whole
                continue
        elif isinstance(node, ast.JoinedStr) and any(
            isinstance(v, ast.Constant) and CJK.search(v.value) for v in node.values
        ):
            pass
        else:
            continue
        if not _is_data(node, parents):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.get_source_segment(source, node)[:60]}")
    return found


def test_interface_modules_are_found():
    names = {p.name for p in interface_modules()}

    assert {"api.py", "permissions.py"} <= names
    assert len(interface_modules()) > 40


def test_no_bare_chinese_literal_in_services_views_api_and_permissions():
    offenders = [line for path in interface_modules() for line in bare_literals(path)]

    assert offenders == [], "wrap these in gettext (or name them as data):\n" + "\n".join(offenders)


def test_the_checker_catches_a_bare_message(tmp_path):
    module = tmp_path / "services.py"
    module.write_text('def f():\n    raise ValueError("只有专班办公室可以审核")\n', encoding="utf-8")
    wrapped = tmp_path / "views.py"
    wrapped.write_text('from django.utils.translation import gettext as _\n\ndef f(x):\n'
                       '    if x == "成功":\n        return _("已保存")\n', encoding="utf-8")

    assert len(_bare(module)) == 1
    assert _bare(wrapped) == []


def _bare(path: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, path.parent
    try:
        return bare_literals(path)
    finally:
        ROOT = saved


def catalogues() -> list[Path]:
    """The project's English catalogue and each app's own (``jineng/<app>/locale``), which Django also reads."""
    return [ROOT / "locale/en/LC_MESSAGES/django.po", *sorted((ROOT / "jineng").glob("*/locale/en/LC_MESSAGES/django.po"))]


def english_catalogue() -> list:
    entries: list = []
    for path in catalogues():
        entries.extend(polib.pofile(str(path)))
    return entries


def test_english_catalogue_is_complete():
    catalogue = english_catalogue()
    untranslated = [e.msgid for e in catalogue if not e.obsolete and (not e.msgstr and not e.msgstr_plural)]
    fuzzy = [e.msgid for e in catalogue if not e.obsolete and "fuzzy" in e.flags]

    assert untranslated == []
    assert fuzzy == []


def test_english_translations_keep_their_placeholders():
    placeholder = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]")
    catalogue = english_catalogue()
    mismatched = [
        e.msgid for e in catalogue
        if not e.obsolete and e.msgstr and sorted(placeholder.findall(e.msgid)) != sorted(placeholder.findall(e.msgstr))
    ]

    assert mismatched == []


def gettext_literals() -> set[str]:
    """Every literal passed to gettext in the project's Python code (the catalogue must translate each)."""
    found = set()
    for path in sorted((ROOT / "jineng").rglob("*.py")) + sorted((ROOT / "config").rglob("*.py")):
        if "tests" in path.relative_to(ROOT).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and CJK.search(node.args[0].value)):
                found.add(node.args[0].value)
    return found


def test_every_chinese_gettext_literal_has_an_english_translation():
    catalogue = english_catalogue()
    translated = {e.msgid for e in catalogue if not e.obsolete and (e.msgstr or e.msgstr_plural)
                  and "fuzzy" not in e.flags}

    missing = sorted(gettext_literals() - translated)

    assert missing == [], "run makemessages and translate:\n" + "\n".join(missing)
