#!/usr/bin/env bash
# A three-server NATS cluster on this machine, loopback only, from the local nats-server binary:
#   deploy/nats-cluster/run-local.sh start     start n1, n2, n3 (n1.conf .. n3.conf) and wait for JetStream
#   deploy/nats-cluster/run-local.sh stop [n]  stop every node, or node n (1-3) only: to try a failover
#   deploy/nats-cluster/run-local.sh kill n    kill node n (SIGKILL, as a crash would)
#   deploy/nats-cluster/run-local.sh restart n start node n again
#   deploy/nats-cluster/run-local.sh status    which nodes run, and the cluster's JetStream meta leader
#   deploy/nats-cluster/run-local.sh env       the variables that point the services at the cluster
# Client ports 14221-14223 (the usual local server on 4222 keeps running), routes 16221-16223, monitoring
# 18221-18223. Data and logs under $NATS_CLUSTER_DIR (default /tmp/eventsaas-nats-cluster). The users are those
# of deploy/nats/auth.conf; their passwords come from the environment, with the compose file's development
# defaults. nats-server: $NATS_SERVER_BIN, /usr/sbin/nats-server or the PATH.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
AUTH="$HERE/../nats/auth.conf"
DIR="${NATS_CLUSTER_DIR:-/tmp/eventsaas-nats-cluster}"
NODES=(1 2 3)

export NATS_GATEWAY_PASSWORD="${NATS_GATEWAY_PASSWORD:-dev-gateway-password}"
export NATS_USER_SERVICE_PASSWORD="${NATS_USER_SERVICE_PASSWORD:-dev-user-service-password}"
export NATS_BILLING_SERVICE_PASSWORD="${NATS_BILLING_SERVICE_PASSWORD:-dev-billing-service-password}"
export NATS_PROJECTION_SERVICE_PASSWORD="${NATS_PROJECTION_SERVICE_PASSWORD:-dev-projection-service-password}"
export NATS_ADMIN_PASSWORD="${NATS_ADMIN_PASSWORD:-dev-admin-password}"

say() { printf 'nats-cluster: %s\n' "$*"; }
die() { printf 'nats-cluster: %s\n' "$*" >&2; exit 1; }

binary() {
  local candidate
  for candidate in "${NATS_SERVER_BIN:-}" /usr/sbin/nats-server "$(command -v nats-server 2>/dev/null || true)"; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then echo "$candidate"; return; fi
  done
  die "no nats-server binary: set NATS_SERVER_BIN or install it (apt-get install nats-server)"
}

# The server's version as "major minor patch".
version() { "$1" --version | sed -n 's/.*v\{0,1\}\([0-9][0-9]*\)\.\([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1 \2 \3/p' | head -1; }

pid_of() { local f="$DIR/n$1.pid"; [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }

# The run-time copy of nN.conf: stores under $DIR, a copy of auth.conf beside it (nats-server resolves an
# include relative to the including file, even an absolute path), and no sync_interval on servers older than
# 2.10 (which reject it).
config() {
  local n=$1 sync=$2 out="$DIR/n$1.conf"
  cp "$AUTH" "$DIR/auth.conf"
  sed -e "s#^\( *store_dir:\).*#\1 \"$DIR/n$n\"#" \
      -e "s#^include .*auth.conf#include auth.conf#" \
      "$HERE/n$n.conf" > "$out"
  if [[ "$sync" == no ]]; then sed -i '/^ *sync_interval:/d' "$out"; fi
  echo "$out"
}

start_node() {
  local n=$1 bin=$2 sync=$3 conf
  if pid_of "$n" >/dev/null; then say "n$n already runs (pid $(pid_of "$n"))"; return; fi
  mkdir -p "$DIR/n$n"
  conf=$(config "$n" "$sync")
  "$bin" -c "$conf" >>"$DIR/n$n.log" 2>&1 &
  echo $! > "$DIR/n$n.pid"
  say "n$n started (pid $!, client 127.0.0.1:1422$n, log $DIR/n$n.log)"
}

healthy() { curl -fsS -o /dev/null "http://127.0.0.1:1822$1/healthz?js-enabled-only=true" 2>/dev/null; }

await_healthy() {
  local n deadline=$((SECONDS + 60))
  for n in "$@"; do
    until healthy "$n"; do
      pid_of "$n" >/dev/null || die "n$n exited; see $DIR/n$n.log"
      (( SECONDS < deadline )) || die "n$n not healthy within 60 s; see $DIR/n$n.log"
      sleep 0.5
    done
  done
}

warn_old() {
  local major minor patch
  read -r major minor patch <<<"$(version "$1")"
  if (( major == 2 && (minor < 9 || (minor == 9 && patch < 21)) )); then
    say "WARNING: nats-server $major.$minor.$patch: per-subject expected-sequence checks (how the event store"
    say "         refuses a concurrent write) are NOT safe in a cluster before 2.9.21 (nats-server issue 4320)."
    say "         Use this cluster to try failover only; production runs 2.14."
  fi
  if (( major == 2 && minor < 10 )); then
    say "WARNING: nats-server $major.$minor.$patch rejects sync_interval: this cluster acknowledges writes before"
    say "         they are on disk (production: 2.10+ with sync_interval: always)."
  fi
}

# "yes" when the server accepts jetstream { sync_interval } (2.10 and newer).
sync_supported() {
  local major minor patch
  read -r major minor patch <<<"$(version "$1")"
  if (( major > 2 || (major == 2 && minor >= 10) )); then echo yes; else echo no; fi
}

cmd=${1:-status}
case "$cmd" in
  start)
    bin=$(binary); mkdir -p "$DIR"
    warn_old "$bin"
    sync=$(sync_supported "$bin")
    for n in "${NODES[@]}"; do start_node "$n" "$bin" "$sync"; done
    await_healthy "${NODES[@]}"
    say "cluster ready. Point the services at it with:"
    "$0" env
    ;;
  restart)
    n=${2:?which node? 1-3}; bin=$(binary)
    sync=$(sync_supported "$bin")
    start_node "$n" "$bin" "$sync"
    await_healthy "$n"
    ;;
  stop|kill)
    [[ "$cmd" == stop || -n "${2:-}" ]] || die "kill which node? 1-3"
    signal=TERM; [[ "$cmd" == kill ]] && signal=KILL
    for n in ${2:-${NODES[@]}}; do
      if pid=$(pid_of "$n"); then
        kill -s "$signal" "$pid"; for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        say "n$n $( [[ $signal == KILL ]] && echo killed || echo stopped )"
      else
        say "n$n not running"
      fi
      rm -f "$DIR/n$n.pid"
    done
    ;;
  status)
    for n in "${NODES[@]}"; do
      if pid=$(pid_of "$n"); then
        leader=$(curl -fsS "http://127.0.0.1:1822$n/jsz" 2>/dev/null | tr -d "\n " | grep -o "\"meta_cluster\":{[^}]*" | grep -o "\"leader\":\"[^\"]*\"" | cut -d\" -f4 || true)
        say "n$n runs (pid $pid, client 127.0.0.1:1422$n)$( healthy "$n" && echo ", JetStream healthy" )${leader:+, meta leader $leader}"
      else
        say "n$n stopped"
      fi
    done
    ;;
  env)
    echo "export NATS_URL=nats://127.0.0.1:14221,nats://127.0.0.1:14222,nats://127.0.0.1:14223 NATS_REPLICAS=3"
    echo "# and per service: NATS_USER=<service> NATS_PASSWORD=\$NATS_<SERVICE>_PASSWORD (see deploy/nats/auth.conf)"
    ;;
  *)
    die "usage: $0 start | stop [1-3] | kill <1-3> | restart <1-3> | status | env"
    ;;
esac
