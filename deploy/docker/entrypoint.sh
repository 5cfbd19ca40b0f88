#!/bin/sh
# Entry point of the images: runs its arguments, after one favour for platforms that have no secret files
# (Railway): NATS_CREDS_BASE64 may hold a NATS .creds file (base64 -w0 user.creds), which is written to a file only
# this user can read and named in NATS_CREDS, the path the services expect (docs/deploy/synadia-cloud.md).
set -eu
if [ -n "${NATS_CREDS_BASE64:-}" ] && [ -z "${NATS_CREDS:-}" ]; then
    umask 077
    NATS_CREDS=$(mktemp "${TMPDIR:-/tmp}/nats-XXXXXX")
    printf '%s' "$NATS_CREDS_BASE64" | base64 -d > "$NATS_CREDS"
    export NATS_CREDS
    unset NATS_CREDS_BASE64
fi
exec "$@"
