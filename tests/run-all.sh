#!/usr/bin/env bash
# Sets up everything the test suite needs, then runs every test: the engine and
# widget tests, nbval over every notebook, the browser tests in headless
# chromium, and the class test on a real JupyterHub (tests/class/). Extra
# arguments go to pytest. Used as is by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [ -z "$python" ]; then
  python=$(command -v python3.11 || command -v python3)
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

# Debian packages are installed only where what they give is missing: a machine may
# already have node and npm from elsewhere (NodeSource's nodejs bundles npm and
# conflicts with Debian's npm package, so asking apt for npm there fails).
missing=()
# The browser tests need Debian's chromium and a CJK font. Never `playwright install`:
# it downloads a browser of its own, which fails on machines without the internet.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qiE "wqy|noto sans cjk" || missing+=(fonts-wqy-microhei)
# `new-article` rebuilds the stroke data (tools/fetch_hanzi_writer.py): npm fetches the
# pinned packages, and the radicals come from Unicode's Unihan in Debian's unicode-data.
# The class test (tests/class/) runs a real JupyterHub with local users: it needs root
# (useradd), Debian's python3 with venv for the students' environment (outside /root),
# and node with npm for configurable-http-proxy. Without root it is skipped, saying why.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ -f /usr/share/unicode/Unihan_IRGSources.txt.bz2 ] || missing+=(unicode-data)
[ "$(id -u)" != 0 ] || /usr/bin/python3 -c "import ensurepip" 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing with apt: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Learner data of this run goes to a fresh folder, never into the tester's home.
export DUBAO_DATA_DIR="${DUBAO_DATA_DIR:-$(mktemp -d)}"
# Build the engine's caches (jieba's dictionary table, CC-CEDICT, the annotations of
# the page) once, as a student's first lesson would, so that the notebook and
# browser timings are those of a student opening a lesson, not of a first install.
.venv/bin/python -m dubao prepare
# pytest's testpaths (pyproject.toml) are tests/, solutions/ and lessons/.
exec .venv/bin/python -m pytest "$@"
