#!/bin/bash
# Production: gunicorn on loopback behind nginx, which alone faces clients (deploy/nginx.conf).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export DOC_SERVICE_HOST=127.0.0.1 DOC_SERVICE_PORT=8001
mkdir -p /tmp/doc_service-nginx
gunicorn --config "$here/../gunicorn.conf.py" app:app &
app=$!
nginx -e stderr -p /tmp/doc_service-nginx -c "$here/nginx.conf" -g 'daemon off;' &
front=$!
trap 'kill -TERM "$app" "$front" 2>/dev/null' TERM INT
# when either stops, stop the other, so the container restarts as a whole
wait -n "$app" "$front" || true
kill -TERM "$app" "$front" 2>/dev/null || true
wait
