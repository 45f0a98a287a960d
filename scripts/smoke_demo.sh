#!/usr/bin/env bash
# The README's demo set-up as a new machine gets it: the desk installed alone (no test extras)
# into a new virtualenv, demo residents loaded, the window started on a real X display (Xvfb,
# Qt's xcb platform, 1366×768) and closed. Fails when the window never reaches the screen, when
# it is larger than the screen, or when the install prints a setuptools warning block.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q -e . 2>&1 | tee "$work/install.log"  # as scripts/demo.sh
if grep -q 'Warning' "$work/install.log"; then
  echo "error: installing the desk printed a warning (see above)" >&2
  exit 1
fi
export LANG=C.UTF-8 KYOJO_KEYRING=file
"$work/venv/bin/kyojo-desk" --data-dir "$work/data" demo --residents 30 --seed 1
output=$(QT_QPA_PLATFORM=xcb KYOJO_REPORT_STARTUP=1 xvfb-run -a -s "-screen 0 1366x768x24" \
  "$work/venv/bin/kyojo-desk" --data-dir "$work/data" gui --exit-after-ms 3000 2>"$work/gui.log") || {
  cat "$work/gui.log" >&2
  echo "error: the demo desk did not start on the X display" >&2
  exit 1
}
exposed=$(grep '^window_exposed ' <<<"$output") || {
  cat "$work/gui.log" >&2
  echo "error: the demo window never appeared on the X display" >&2
  exit 1
}
grep -q 'platform=xcb' <<<"$exposed" || { echo "error: not on the xcb platform: $exposed" >&2; exit 1; }
read -r width height < <(sed -E 's/.* size=([0-9]+)x([0-9]+).*/\1 \2/' <<<"$exposed")
if [ "$width" -gt 1366 ] || [ "$height" -gt 768 ]; then
  echo "error: the window ($width×$height) is larger than the 1366×768 screen" >&2
  exit 1
fi
echo "demo smoke test passed on Xvfb ($(tr '\n' ' ' <<<"$output"))"
