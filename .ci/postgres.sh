#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the test suite (Debian packages) and
# prints the URL. Usage: export HOCVU_TEST_POSTGRES_URL=$(bash .ci/postgres.sh)
set -euo pipefail
port=${PGPORT_TEST:-54329}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=$(mktemp -d /tmp/hocvu-pg.XXXXXX)
chown postgres "$data"
runuser -u postgres -- "$bin/initdb" -D "$data" -A trust -U hocvu -E UTF8 >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off" start >/dev/null
runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$port" -U hocvu hocvu_test
echo "postgres://hocvu@127.0.0.1:$port/hocvu_test"
