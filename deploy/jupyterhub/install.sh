#!/usr/bin/env bash
# Installs the single-user environment of a dubao class on one machine, as root:
#   deploy/jupyterhub/install.sh [PREFIX]        (default /opt/dubao)
# PREFIX/course   a read-only copy of the course (root-owned, students can read it)
# PREFIX/venv     Debian's python3 venv with the course, nbgrader and JupyterHub
#                 (not a Python inside /root: students' servers must be able to run it)
# PREFIX/proxy    configurable-http-proxy from the npm registry, pinned by package-lock.json
#                 (5.2.0 on node >= 20, 4.6.3 on node 18)
# PREFIX/cache    the engine's caches, built once by `dubao prepare`; each student's
#                 server starts from a copy (singleuser.sh)
# and the nbgrader exchange folder, DUBAO_EXCHANGE (default /srv/nbgrader/exchange).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
course_src=$(cd "$here/../.." && pwd)
prefix=${1:-/opt/dubao}
exchange=${DUBAO_EXCHANGE:-/srv/nbgrader/exchange}
python=${DUBAO_HUB_PYTHON:-/usr/bin/python3}
[ "$(id -u)" = 0 ] || { echo "install.sh: run as root (it installs for every student)" >&2; exit 1; }
"$python" -c 'import sys, venv; assert sys.version_info >= (3, 11)' 2>/dev/null \
  || { echo "install.sh: $python must be Python >= 3.11 with venv (apt-get install python3-venv)" >&2; exit 1; }
command -v npm >/dev/null || { echo "install.sh: npm is missing (apt-get install nodejs npm; node >= 20)" >&2; exit 1; }

umask 022
mkdir -p "$prefix"
echo "course -> $prefix/course"
rm -rf "$prefix/course" && mkdir "$prefix/course"
tar -C "$course_src" --exclude=./.venv --exclude=./.git --exclude=__pycache__ --exclude=.pytest_cache \
    --exclude='*.egg-info' --exclude=./deploy/jupyterhub/proxy/node_modules -cf - . | tar -C "$prefix/course" -xf -

echo "venv -> $prefix/venv"
[ -x "$prefix/venv/bin/python" ] || "$python" -m venv "$prefix/venv"
"$prefix/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$prefix/course/requirements.txt" -r "$here/requirements-hub.txt" "websocket-client==1.9.2"
# nbgrader's course id and exchange for everyone who uses this Python (students and instructor)
install -m 644 "$here/nbgrader_config.py" "$prefix/venv/etc/jupyter/nbgrader_config.py"
# JupyterLab asks every new user whether to fetch Jupyter news: not in a class
mkdir -p "$prefix/venv/share/jupyter/lab/settings"
echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' \
    > "$prefix/venv/share/jupyter/lab/settings/overrides.json"

# configurable-http-proxy 5.x needs node >= 20; Debian bookworm's own nodejs is 18, for which 4.6.x is pinned.
node_major=$(node --version | sed 's/^v\([0-9]*\).*/\1/')
proxy_pins="$here/proxy"
[ "$node_major" -ge 20 ] || proxy_pins="$here/proxy/node18"
echo "proxy -> $prefix/proxy (node $node_major: $(grep -o '"configurable-http-proxy": "[^"]*"' "$proxy_pins/package.json"))"
rm -rf "$prefix/proxy" && mkdir -p "$prefix/proxy"
cp "$proxy_pins/package.json" "$proxy_pins/package-lock.json" "$prefix/proxy/"
(cd "$prefix/proxy" && npm ci --no-audit --no-fund --ignore-scripts --silent)

echo "caches -> $prefix/cache"
DUBAO_CACHE_DIR="$prefix/cache" DUBAO_DATA_DIR=$(mktemp -d) "$prefix/venv/bin/python" -m dubao prepare

# Students read everything and change nothing.
chown -R root:root "$prefix"
chmod -R go-w,a+rX "$prefix"
mkdir -p "$exchange" && chmod 1777 "$exchange"   # nbgrader's exchange: anyone may submit, no one may delete others'
echo "installed in $prefix (exchange $exchange)"
