#!/usr/bin/env bash
# The OpenAPI conformance fuzzer (schemathesis, every check) against a real `hocvu serve` with
# the bundled courses: once without credentials, once with a learner's Bearer token.
# Usage: bash .ci/api-fuzz.sh PATH/TO/hocvu   (run from the repository root)
set -euo pipefail
hocvu_bin="$1"
schemathesis_version=4.32.5
venv=target/ci-python
if [ "$("$venv/bin/schemathesis" --version 2>/dev/null | awk '{print $NF}')" != "$schemathesis_version" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==$schemathesis_version" >&2
fi
data=$(mktemp -d)
log="$data/server.log"
RUST_LOG=warn "$hocvu_bin" serve --bind 127.0.0.1:0 --workers 2 --data-dir "$data" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
base=""
for _ in $(seq 1 600); do
  base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n1)
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$base" ] || { echo "hocvu serve did not start" >&2; cat "$log" >&2; exit 1; }
consent=$(curl -fsS "$base/api/v1/consent" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"username\":\"fuzz.learner\",\"password\":\"fuzz-password-1\",\"display_name\":\"Người Thử\",\"consent_version\":\"$consent\"}" \
  "$base/api/v1/register" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
run() {
  # Examples per operation are limited to keep the two runs near a minute each.
  "$venv/bin/schemathesis" --config-file .ci/schemathesis.toml run "$base/api/v1/openapi.json" \
    --checks all --max-examples 100 --phases examples,coverage,fuzzing,stateful --workers 2 \
    --generation-database none \
    --request-timeout 10 --suppress-health-check all --no-color "$@"
}
echo "API fuzzing (schemathesis $schemathesis_version) against $base, without credentials"
run
echo "API fuzzing with a Bearer token"
run -H "Authorization: Bearer $token"
if grep -q 'panicked' "$log"; then
  echo "the server panicked during fuzzing:" >&2
  grep -A5 'panicked' "$log" >&2
  exit 1
fi
echo "api-fuzz: 2 passed, 0 failed"
