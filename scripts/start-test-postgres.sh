#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the store tests: Debian's `postgresql` (installed when
# missing), a new cluster in a temporary folder, listening on 127.0.0.1 only, trusting local
# connections, with one empty database. Prints shell assignments to eval:
#
#   eval "$(scripts/start-test-postgres.sh)"         # exports CATSANDBOX_TEST_POSTGRES_URL and _DIR
#   scripts/start-test-postgres.sh --stop "$CATSANDBOX_TEST_POSTGRES_DIR"
#
# --owner PID makes the server stop by itself once process PID has gone (a killed test run leaves
# no server behind). Each call starts its own server, so two test runs never share one. As root, the
# server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail
source "$(dirname "$0")/setup.sh"

DATABASE=catsandbox_test
SUPERUSER=catsandbox

say() { echo "start-test-postgres: $*" >&2; }

postgres_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

as_owner() {
  # Run a server command as the user who owns the cluster.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_server() {
  local dir="$1"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  local bin
  bin="$(postgres_bin)" || true
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

if [ "${1:-}" = "--stop" ]; then
  stop_server "${2:-${CATSANDBOX_TEST_POSTGRES_DIR:-}}"
  exit 0
fi
owner=""
if [ "${1:-}" = "--owner" ]; then owner="${2:?--owner needs a process id}"; fi

bin="$(postgres_bin)" || true
if [ -z "$bin" ]; then
  apt_install postgresql >&2
  bin="$(postgres_bin)" || { say "no PostgreSQL server programs after installing postgresql"; exit 1; }
fi

# As root the folder must be reachable by the postgres user: /tmp, not a private TMPDIR.
parent="${TMPDIR:-/tmp}"; [ "$(id -u)" -ne 0 ] || parent=/tmp
dir="$(mktemp -d "$parent/catsandbox-postgres.XXXXXX")"
trap 'stop_server "$dir"' ERR
chmod 700 "$dir"
[ "$(id -u)" -ne 0 ] || chown postgres: "$dir"

as_owner "$bin/initdb" -D "$dir/data" -U "$SUPERUSER" --auth=trust -E UTF8 --no-locale --no-sync \
  >"$dir/initdb.log" 2>&1 || { say "initdb failed:"; cat "$dir/initdb.log" >&2; false; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A free port is only free until someone takes it: try a few.
started=""
for _ in 1 2 3; do
  port="$(free_port)"
  # Durability settings off: this server's data is thrown away, and the tests want speed.
  options="-c listen_addresses=127.0.0.1 -p $port -k $dir"
  options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "$options" \
       start >"$dir/pg_ctl.log" 2>&1; then
    started=yes
    break
  fi
done
if [ -z "$started" ]; then
  say "the server did not start; its log:"
  cat "$dir/server.log" >&2 || true
  false
fi

"$bin/createdb" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" "$DATABASE"

if [ -n "$owner" ]; then
  # Detached from our stdout, or the caller's $(...) would wait for it.
  nohup bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; "$2" --stop "$3"' \
    watch "$owner" "$(cd "$(dirname "$0")" && pwd)/$(basename "$0")" "$dir" >/dev/null 2>&1 &
fi

trap - ERR
say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
echo "export CATSANDBOX_TEST_POSTGRES_URL='postgresql+psycopg://$SUPERUSER@127.0.0.1:$port/$DATABASE'"
echo "export CATSANDBOX_TEST_POSTGRES_DIR='$dir'"
