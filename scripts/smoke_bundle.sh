#!/usr/bin/env bash
# Build the one-folder bundle (build.spec) and start it offscreen without the project's Python:
# the window must be shown and the program must exit cleanly on --exit-after-ms.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v objdump >/dev/null 2>&1 || { as_root apt-get update -qq && as_root apt-get install -y -qq binutils >/dev/null; }
.venv/bin/python -m pip install -q pyinstaller
work=$(mktemp -d)
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath "$work/dist" --workpath "$work/build" build.spec
bundle="$work/dist/kyojo-desk/kyojo-desk"
# A clean environment: no virtualenv, no PYTHONPATH, only the bundle.
output=$(env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  KYOJO_REPORT_STARTUP=1 KYOJO_KEYRING=file \
  "$bundle" --data-dir "$work/data" gui --exit-after-ms 1500 2>/dev/null)
echo "$output"
grep -q '^startup_ms=' <<<"$output" || { echo "error: the bundled window was not shown" >&2; exit 1; }
env -i PATH=/usr/bin:/bin HOME="$work" KYOJO_KEYRING=file "$bundle" --data-dir "$work/data" demo --residents 3
echo "bundle smoke test passed ($(du -sh "$work/dist/kyojo-desk" | cut -f1))"
rm -rf "$work"
