#!/usr/bin/env bash
# Sets up everything the test suite needs, then runs every test: the engine and
# widget tests, nbval over every notebook, and the browser tests in headless
# chromium. Extra arguments go to pytest. Used as is by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [ -z "$python" ]; then
  python=$(command -v python3.11 || command -v python3)
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

# The browser tests need Debian's chromium and a CJK font. Never `playwright install`:
# it downloads a browser of its own, which fails on machines without the internet.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qiE "wqy|noto sans cjk"; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
# `new-article` rebuilds the stroke data (tools/fetch_hanzi_writer.py): npm fetches the
# pinned packages, and the radicals come from Unicode's Unihan in Debian's unicode-data.
if ! command -v npm >/dev/null 2>&1 || [ ! -f /usr/share/unicode/Unihan_IRGSources.txt.bz2 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm unicode-data >/dev/null
fi

# Learner data of this run goes to a fresh folder, never into the tester's home.
export DUBAO_DATA_DIR="${DUBAO_DATA_DIR:-$(mktemp -d)}"
# Build the engine's caches (jieba's dictionary table, CC-CEDICT, the annotations of
# the page) once, as a student's first lesson would, so that the notebook and
# browser timings are those of a student opening a lesson, not of a first install.
.venv/bin/python -m dubao prepare
# pytest's testpaths (pyproject.toml) are tests/, solutions/ and lessons/.
exec .venv/bin/python -m pytest "$@"
