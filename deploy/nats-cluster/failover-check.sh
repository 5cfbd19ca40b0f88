#!/usr/bin/env bash
# Shows that the whole system keeps working when one NATS server of three stops:
#   1. starts the three-server cluster (run-local.sh, loopback ports 14221-14223, its users and permissions)
#   2. starts the four services from their jars, each as its own NATS user, with NATS_URL listing all three
#      servers and NATS_REPLICAS=3, on fresh databases and ports 18080-18083 (bin/dev's 8080-8083 stay free)
#   3. signs up a user through the gateway and sees it on the home page (the view)
#   4. stops the server that leads the EVENTS stream (SIGTERM, as a rolling restart does; FAILOVER_STOP=kill
#      for SIGKILL, as a crash would: see docs/nats.md for what 2.9.10 does then)
#   5. signs up a second user (retrying while JetStream elects a new leader, a few seconds) and sees both
#   6. stops everything it started and drops its databases; exits 0 when every step passed
# Needs: the jars (./mvnw -B -q package -DskipTests), PostgreSQL (PGHOST, PGPORT, PGUSER, PGPASSWORD; psql),
# curl, python3, nats-server. The local server may be 2.9.10: fine for a failover, but per-subject
# expected-sequence checks are unsafe in clusters before 2.9.21 (nats-server issue 4320); production pins 2.14.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/eventsaas-failover.XXXXXX)
export NATS_CLUSTER_DIR="$WORK/nats"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The same development defaults as run-local.sh and the compose file.
export NATS_GATEWAY_PASSWORD="${NATS_GATEWAY_PASSWORD:-dev-gateway-password}"
export NATS_USER_SERVICE_PASSWORD="${NATS_USER_SERVICE_PASSWORD:-dev-user-service-password}"
export NATS_BILLING_SERVICE_PASSWORD="${NATS_BILLING_SERVICE_PASSWORD:-dev-billing-service-password}"
export NATS_PROJECTION_SERVICE_PASSWORD="${NATS_PROJECTION_SERVICE_PASSWORD:-dev-projection-service-password}"
export NATS_ADMIN_PASSWORD="${NATS_ADMIN_PASSWORD:-dev-admin-password}"
SUFFIX=$(date +%s)
DATABASES=("failover_users_$SUFFIX" "failover_billing_$SUFFIX" "failover_projections_$SUFFIX")
PIDS=()

say()  { printf 'failover-check: %s\n' "$*"; }
fail() { printf 'failover-check: FAILED: %s\n' "$*" >&2; exit 1; }

cleanup() {
  local pid db
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  "$HERE/run-local.sh" stop >/dev/null 2>&1 || true
  for db in "${DATABASES[@]}"; do
    psql -X -q -w -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
      >/dev/null 2>&1 || true
  done
  say "logs kept in $WORK"
}
trap cleanup EXIT

for tool in curl psql python3; do command -v "$tool" >/dev/null || fail "$tool is needed"; done
jar_of() { printf '%s/%s/target/%s-0.1.0-SNAPSHOT-exec.jar' "$ROOT" "$1" "$1"; }
for module in user-service billing-service projection-service gateway; do
  [[ -f "$(jar_of "$module")" ]] || fail "no $(jar_of "$module"): run ./mvnw -B -q package -DskipTests first"
done

say "1. three NATS servers"
"$HERE/run-local.sh" start
URLS="nats://127.0.0.1:14221,nats://127.0.0.1:14222,nats://127.0.0.1:14223"

say "2. the four services, each as its own NATS user"
for db in "${DATABASES[@]}"; do
  psql -X -q -w -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db" \
    || fail "cannot create database $db"
done
start() { # module port user password [database]
  local module=$1 port=$2 user=$3 password=$4 db=${5:-}
  env NATS_URL="$URLS" NATS_REPLICAS=3 NATS_REQUEST_TIMEOUT="${NATS_REQUEST_TIMEOUT:-5s}" NATS_USER="$user" NATS_PASSWORD="$password" SERVER_PORT="$port" \
    ${db:+SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$db} \
    "$JAVA" -XX:TieredStopAtLevel=1 -jar "$(jar_of "$module")" >"$WORK/$module.log" 2>&1 &
  PIDS+=($!)
}
await_ready() { # module port
  local deadline=$((SECONDS + 180))
  until curl -fs -o /dev/null "http://127.0.0.1:$2/actuator/health/readiness"; do
    (( SECONDS < deadline )) || fail "$1 not ready within 180 s; see $WORK/$1.log"
    sleep 1
  done
  say "   $1 ready on port $2"
}
start user-service 18081 user-service "$NATS_USER_SERVICE_PASSWORD" "${DATABASES[0]}"
start billing-service 18082 billing-service "$NATS_BILLING_SERVICE_PASSWORD" "${DATABASES[1]}"
await_ready user-service 18081
await_ready billing-service 18082
start projection-service 18083 projection-service "$NATS_PROJECTION_SERVICE_PASSWORD" "${DATABASES[2]}"
await_ready projection-service 18083
start gateway 18080 gateway "$NATS_GATEWAY_PASSWORD"
await_ready gateway 18080

signup() { # name; prints the user id; retries for 60 s while a new leader is elected, as a client should: with
  # the same Idempotency-Key, so the retried command is the same command (its e-mail claim is its own)
  local name=$1 body status deadline=$((SECONDS + 60)) key
  key=$(python3 -c 'import uuid; print(uuid.uuid4())')
  while true; do
    body=$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
      -d "{\"email\":\"$name-$SUFFIX@example.com\",\"password\":\"correct horse battery\",\"name\":\"$name $SUFFIX\"}" \
      http://127.0.0.1:18080/api/v1/signup || true)
    status=${body##*$'\n'}
    if [[ "$status" == 201 ]]; then
      python3 -c 'import json,sys; print(json.loads(sys.argv[1])["userId"])' "${body%$'\n'*}"
      return
    fi
    (( SECONDS < deadline )) || fail "sign-up of $name answered $status: ${body%$'\n'*}"
    say "   sign-up of $name answered $status; retrying" >&2
    sleep 1
  done
}
shows() { # name: the home page (the view) shows it within 90 s
  local deadline=$((SECONDS + 90))
  until curl -fsS http://127.0.0.1:18080/ | grep -q "$1 $SUFFIX"; do
    (( SECONDS < deadline )) || fail "the home page does not show $1"
    sleep 0.5
  done
}

say "3. a sign-up on three servers"
first=$(signup ada)
shows ada
say "   ada signed up ($first) and the home page shows her"

leader=$(curl -fsS 'http://127.0.0.1:18221/jsz?accounts=true&streams=true' | python3 -c '
import json, sys
data = json.load(sys.stdin)
for account in data.get("account_details", []):
    for stream in account.get("stream_detail", []):
        if stream["name"] == "EVENTS":
            print(stream.get("cluster", {}).get("leader", "n1"))
            sys.exit()
print("n1")')
how="${FAILOVER_STOP:-stop}"
say "4. $( [[ $how == kill ]] && echo killing || echo stopping ) ${leader}, the leader of the EVENTS stream"
"$HERE/run-local.sh" "$how" "${leader#n}"
started=$SECONDS

say "5. a sign-up on the two servers left"
second=$(signup grace)
say "   grace signed up ($second) $((SECONDS - started)) s after the $how"
shows grace
say "   the home page shows grace $((SECONDS - started)) s after the $how"
for id in "$first" "$second"; do
  curl -fsS -o /dev/null "http://127.0.0.1:18080/api/v1/users/$id" || fail "user $id cannot be read back"
done
say "   both users read back; the home page shows grace"
"$HERE/run-local.sh" status
say "PASSED: the system kept working with one NATS server of three stopped"
