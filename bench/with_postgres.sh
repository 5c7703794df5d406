#!/usr/bin/env bash
# Run a command (default: `make bench`) against a throwaway PostgreSQL server of Debian's,
# started in a temporary directory on 127.0.0.1 and stopped (and deleted) at the end, as
# .ci/run does for the test suite. DATABASE_URL points at it; DJANGO_CONN_MAX_AGE defaults to 60
# (each gunicorn worker keeps its connection, as docs/deploy.md advises for PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ]; then
  echo "No PostgreSQL server here (apt-get install postgresql)." >&2
  exit 2
fi
PGDATA=$(mktemp -d /tmp/sandbox-bench-pg.XXXXXX)
PGPORT=$(python3 -c '
import socket
for port in range(5433, 5533):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
')
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$PGDATA"
  as_pg=(runuser -u postgres --)
else
  as_pg=()
fi
stop_postgres() {
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap stop_postgres EXIT

"${as_pg[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA" start >/dev/null
psql_admin=("$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -q)
"${psql_admin[@]}" -c "CREATE ROLE sandbox LOGIN PASSWORD 'sandbox'"
"${psql_admin[@]}" -c "CREATE DATABASE sandbox OWNER sandbox"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT (throwaway)"

export DATABASE_URL="postgres://sandbox:sandbox@127.0.0.1:$PGPORT/sandbox"
export DJANGO_CONN_MAX_AGE="${DJANGO_CONN_MAX_AGE:-60}"
if [ $# -eq 0 ]; then
  set -- make bench
fi
"$@"
