#!/usr/bin/env bash
# Starts one student's server (JupyterHub's Spawner.cmd): the student's data and
# cache folders are private (umask 077, mode 700), the cache starts as a copy of the
# one `dubao prepare` built at install time, so the first lesson opens in seconds.
set -euo pipefail
umask 077
prefix=$(cd "$(dirname "$0")/../../.." && pwd)
: "${DUBAO_DATA_DIR:=$HOME/.local/share/dubao}" "${DUBAO_CACHE_DIR:=$HOME/.cache/dubao}"
export DUBAO_DATA_DIR DUBAO_CACHE_DIR
mkdir -p "$DUBAO_DATA_DIR" "$DUBAO_CACHE_DIR"
chmod 700 "$DUBAO_DATA_DIR" "$DUBAO_CACHE_DIR"
if [ -d "$prefix/cache" ] && [ -z "$(ls -A "$DUBAO_CACHE_DIR")" ]; then
  cp -r "$prefix/cache/." "$DUBAO_CACHE_DIR/"
fi
exec "$prefix/venv/bin/jupyterhub-singleuser" "$@"
