#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the test suite.
#
#   tools/pg_test_server.sh start DIR   # initdb into DIR, start on a free port,
#                                       # print the SQLAlchemy URL of a fresh database
#                                       # (as root, DIR's parents must be open to
#                                       # `postgres`: DIR=$(mktemp -d) is fine)
#   tools/pg_test_server.sh stop DIR    # stop the cluster and delete DIR
#
# Uses Debian's server binaries (/usr/lib/postgresql/<major>/bin, 15 preferred).
# As root the cluster runs as the `postgres` user (initdb refuses root). Trust
# authentication, listening on 127.0.0.1 only, no durability (fsync off): test
# data only. Everything but the URL goes to stderr, so `url=$(… start DIR)` works.
set -euo pipefail

say() { printf 'pg_test_server: %s\n' "$*" >&2; }

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      printf '%s\n' "$dir"
      return
    fi
  done
  say "no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)"
  exit 1
}

# Run a server binary as the cluster's owner.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local dir="$1" bin port
  bin="$(pg_bin)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [[ "$(id -u)" == 0 ]]; then
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      say "the postgres user cannot reach $dir: use a folder such as \$(mktemp -d)"
      exit 1
    fi
  fi
  as_owner "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-instructions >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port="$(free_port)"
  as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir" \
    -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    -o "-c max_connections=200" start \
    || { cat "$dir/server.log" >&2; exit 1; }
  printf '%s\n' "$port" >"$dir/port"
  as_owner "$bin/createdb" --host=127.0.0.1 --port="$port" --username=postgres eoffice_test
  # A second, empty database for `alembic check` (tools/check_migrations.py).
  as_owner "$bin/createdb" --host=127.0.0.1 --port="$port" --username=postgres eoffice_check
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
  printf 'postgresql+psycopg://postgres@127.0.0.1:%s/eoffice_test\n' "$port"
}

stop() {
  local dir="$1" bin
  [[ -d "$dir" ]] || return 0
  bin="$(pg_bin)"
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --silent stop \
      || say "could not stop the cluster in $dir"
  fi
  rm -rf "$dir"
  say "stopped and removed $dir"
}

case "${1:-}" in
  start) start "${2:?usage: $0 start DIR}" ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) say "usage: $0 start|stop DIR"; exit 2 ;;
esac
