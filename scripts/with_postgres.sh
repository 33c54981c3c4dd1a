#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at a throwaway PostgreSQL cluster on a loopback port
# in a temporary directory; the cluster is stopped and removed afterwards.
# DATABASE_SOCKET_URL names the same database through the Unix socket.
# JINENG_PG_SETTINGS: more server settings (e.g. "-c shared_buffers=2GB" for the benches' large tables).
# --optional: when no server binaries exist, run the command without a cluster instead of skipping.
set -euo pipefail
optional=0
if [ "${1:-}" = "--optional" ]; then optional=1; shift; fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  if [ "$optional" = 1 ]; then exec "$@"; fi
  echo "PostgreSQL server binaries not found: skipping the PostgreSQL run (CI installs them)."
  exit 0
fi

tmp=$(mktemp -d /tmp/jineng-pg.XXXXXX)
port=${JINENG_PG_PORT:-$(( 55000 + RANDOM % 1000 ))}
as_pg=()
if [ "$(id -u)" = "0" ]; then
  chown postgres "$tmp"   # the server refuses to run as root
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap "exit 143" TERM   # a stopped process group (CI smoke) still removes the cluster
trap "exit 130" INT

"${as_pg[@]}" "$bindir/initdb" -D "$tmp/data" -U jineng --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60 ${JINENG_PG_SETTINGS:-}" \
  start >/dev/null
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U jineng jineng
export DATABASE_URL="postgres://jineng@127.0.0.1:$port/jineng"
# the same database through the server's Unix socket (what docs/deploy.md advises on one machine)
export DATABASE_SOCKET_URL="postgres://jineng@${tmp//\//%2F}:$port/jineng"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
