# Sourced by docker-stacks' start.sh before each student's server starts (not run here).
# Private data and cache folders in the student's persistent home; the cache starts as
# a copy of the one built into the image, so the first lesson opens in seconds.
export DUBAO_DATA_DIR="${DUBAO_DATA_DIR:-$HOME/.local/share/dubao}"
export DUBAO_CACHE_DIR="${DUBAO_CACHE_DIR:-$HOME/.cache/dubao}"
mkdir -p "$DUBAO_DATA_DIR" "$DUBAO_CACHE_DIR"
chmod 700 "$DUBAO_DATA_DIR" "$DUBAO_CACHE_DIR"
if [ -z "$(ls -A "$DUBAO_CACHE_DIR")" ]; then cp -r /opt/dubao/cache/. "$DUBAO_CACHE_DIR/"; fi
