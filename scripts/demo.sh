#!/usr/bin/env bash
# Install Kyojo Desk into .venv and start it on a local demo database (demo-data/), on this
# machine's display. The Qt libraries the window needs are installed first (Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/qt_system_libraries.sh
# fonts-ipamj-mincho: the fallback face for names BIZ UDPGothic cannot print (𠮷 …).
install_missing_debian_packages "${QT_SYSTEM_LIBRARIES[@]}" fonts-ipamj-mincho
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
export LANG=C.UTF-8
if [ ! -f demo-data/kyojo.db ]; then
  .venv/bin/kyojo-desk --data-dir demo-data demo --residents 300 --seed 1
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "error: no display to show the window on (DISPLAY is not set)." >&2
  echo "Run this from the desktop, or over ssh -X; to try it without a screen: xvfb-run -a $0" >&2
  exit 1
fi
exec .venv/bin/kyojo-desk --data-dir demo-data "$@"
