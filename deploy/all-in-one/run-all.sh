#!/bin/sh
# Runs the four services in one container (docs/deploy/all-in-one.md) and stays alive only while all four are:
# when any of them exits, it stops the others and exits non-zero, so the platform restarts the whole container.
# POSIX sh on purpose (the Alpine image has no bash).
#
#   APP_DIR                      where <service>/app.jar (and app.jsa, its CDS archive) live     (/app)
#   PORT                         the gateway's HTTP port: platforms such as Railway set it      (8080)
#   <SERVICE>_HEAP               maximum heap of one service, e.g. USER_SERVICE_HEAP=160m       (see below)
#   JAVA_OPTS                    extra JVM flags for all four
#   <SERVICE>__<NAME>=value      sets NAME=value for that service only, e.g.
#                                USER_SERVICE__SPRING_DATASOURCE_URL=jdbc:postgresql://.../eventsaas_users
# where <SERVICE> is USER_SERVICE, BILLING_SERVICE, PROJECTION_SERVICE or GATEWAY.
set -u

APP_DIR=${APP_DIR:-/app}
JAVA=${JAVA:-java}
GRACE_SECONDS=${GRACE_SECONDS:-20}
# Small heaps and the serial collector: four JVMs share one small container, each with little garbage.
# The services run on virtual threads, whose stacks live on the heap.
COMMON="-XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1"

if [ -n "${SPRING_DATASOURCE_URL:-}" ]; then
    echo "run-all: SPRING_DATASOURCE_URL would give three services one database; set USER_SERVICE__SPRING_DATASOURCE_URL," \
         "BILLING_SERVICE__SPRING_DATASOURCE_URL and PROJECTION_SERVICE__SPRING_DATASOURCE_URL instead" >&2
    exit 2
fi

pids=""
names=""

# start <service> <PREFIX> <port> <default heap>
start() {
    service=$1 prefix=$2
    port=$(eval "echo \${${prefix}__SERVER_PORT:-$3}")
    heap=$(eval "echo \${${prefix}_HEAP:-$4}")
    archive=""
    [ -f "$APP_DIR/$service/app.jsa" ] && archive="-XX:SharedArchiveFile=$APP_DIR/$service/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
    (
        export SERVER_PORT="$port"
        for name in $(env | sed -n "s/^${prefix}__\([A-Za-z0-9_]*\)=.*/\1/p"); do
            eval "export $name=\"\$${prefix}__$name\""
        done
        # shellcheck disable=SC2086 # the option strings are meant to split into words
        exec "$JAVA" -Xmx"$heap" $COMMON $archive ${JAVA_OPTS:-} -jar "$APP_DIR/$service/app.jar"
    ) &
    pids="$pids $!"
    names="$names $service"
    echo "run-all: started $service (pid $!, port $port, heap $heap)"
}

stop_all() {
    for pid in $pids; do kill -TERM "$pid" 2>/dev/null; done
    waited=0
    while [ "$waited" -lt "$GRACE_SECONDS" ]; do
        alive=0
        for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" -eq 0 ] && return
        sleep 1
        waited=$((waited + 1))
    done
    for pid in $pids; do kill -KILL "$pid" 2>/dev/null; done
}

trap 'echo "run-all: stopping"; stop_all; exit 0' TERM INT

start user-service USER_SERVICE 8081 128m
start billing-service BILLING_SERVICE 8082 64m
start projection-service PROJECTION_SERVICE 8083 96m
start gateway GATEWAY "${PORT:-8080}" 96m

# No `wait -n` in POSIX sh: look every second. `sleep & wait` keeps the traps responsive.
while :; do
    # shellcheck disable=SC2086 # names are words
    set -- $names
    for pid in $pids; do
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid"
            status=$?
            echo "run-all: $1 exited with status $status; stopping the others so the container restarts" >&2
            stop_all
            exit $((status == 0 ? 1 : status))
        fi
        shift
    done
    sleep 1 &
    wait $!
done
