#!/usr/bin/env bash
# Extract interface strings into the English catalogues: the project's (locale/) and, for each app that keeps
# its own (jineng/<app>/locale/), the app's. Translate the new msgstr entries, then `make messages`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
own=()
for dir in jineng/*/locale; do
  [ -d "$dir" ] && own+=(--ignore "$(dirname "$dir")/*")
done
common=(--ignore '.venv/*' --ignore 'node_modules/*' --ignore 'static/*' --ignore 'var/*' --no-obsolete -l en)
"$PY" manage.py makemessages "${common[@]}" "${own[@]}"
for dir in jineng/*/locale; do
  [ -d "$dir" ] || continue
  (cd "$(dirname "$dir")" && "../../$PY" ../../manage.py makemessages "${common[@]}")
done
