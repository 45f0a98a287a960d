#!/usr/bin/env bash
# The README's demo set-up as a new machine gets it: the desk installed alone (no test extras)
# into a new virtualenv, demo residents loaded, the window started offscreen and closed.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q -e .  # as scripts/demo.sh
export LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen KYOJO_KEYRING=file
"$work/venv/bin/kyojo-desk" --data-dir "$work/data" demo --residents 30 --seed 1
output=$(KYOJO_REPORT_STARTUP=1 "$work/venv/bin/kyojo-desk" --data-dir "$work/data" gui \
  --exit-after-ms 1500 2>/dev/null)
grep -q '^startup_ms=' <<<"$output" || { echo "error: the demo window was not shown" >&2; exit 1; }
echo "demo smoke test passed ($output)"
rm -rf "$work"
