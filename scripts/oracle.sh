#!/bin/sh
# Runs the notebook's own cells 3-15 (test/oracle/notebook_upstream.py) on a result root and writes
# its connection_stats.csv. Needs Debian's pandas 1.5.3 / scipy 1.10.1 under /usr/bin/python3; they
# are installed with apt-get when missing (root only), as the CI does for chromium.
# Usage: scripts/oracle.sh <root> <out.csv> <test> [<test> ...]
set -eu
PY=/usr/bin/python3
here=$(cd "$(dirname "$0")/.." && pwd)
if ! "$PY" -c 'import pandas, scipy' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "oracle: installing python3-pandas python3-scipy with apt-get" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pandas python3-scipy >&2
    # python3-orjson is not in Debian bookworm; the oracle falls back to json (same values).
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-orjson >&2 2>/dev/null || true
  else
    echo "oracle: $PY cannot import pandas/scipy; run (as root): apt-get update && apt-get install -y python3-pandas python3-scipy" >&2
    exit 3
  fi
fi
exec "$PY" "$here/test/oracle/notebook_upstream.py" "$@"
