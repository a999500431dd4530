#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the test suite, from Debian packages.
#   bash .ci/postgres.sh            start one; prints "URL DATA_DIR"
#   bash .ci/postgres.sh stop DIR   stop it and delete its data
#   bash .ci/postgres.sh down DIR   stop it, keeping its data (a database outage in a test)
#   bash .ci/postgres.sh up DIR     start it again on the same port
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [ "${1:-}" = stop ]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$2" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$2"
  exit 0
fi
if [ "${1:-}" = down ]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$2" stop -m fast >/dev/null
  exit 0
fi
if [ "${1:-}" = up ]; then
  port=$(cat "$2/hocvu-port")
  runuser -u postgres -- "$bin/pg_ctl" -D "$2" -l "$2/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $2 -c fsync=off" start >/dev/null
  exit 0
fi
data=$(mktemp -d /tmp/hocvu-pg.XXXXXX)
chown postgres "$data"
runuser -u postgres -- "$bin/initdb" -D "$data" -A trust -U hocvu -E UTF8 >/dev/null
# Below Linux's ephemeral range (32768+), so no outgoing connection holds the port; the next
# port is tried if one is taken anyway.
port=${PGPORT_TEST:-25432}
for _ in $(seq 1 20); do
  if runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off" start >/dev/null 2>&1; then
    runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$port" -U hocvu hocvu_test
    echo "$port" >"$data/hocvu-port"
    echo "postgres://hocvu@127.0.0.1:$port/hocvu_test $data"
    exit 0
  fi
  port=$((port + 1))
done
echo "PostgreSQL did not start; see $data/server.log" >&2
exit 1
