#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian/Ubuntu machine, then run the whole suite.
# Usage: scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: PostgreSQL (the central server's second backend is tested for real).
# The sync tests start a throwaway cluster themselves (as the postgres user when run as root).
# What a person sees is tested on a real X display: Xvfb and the libraries Qt's xcb platform
# and QtMultimedia load (scripts/qt_system_libraries.sh, shared with scripts/demo.sh).
source scripts/qt_system_libraries.sh
# IPAmj明朝: the fallback face for names BIZ UDPGothic cannot print (𠮷 …), tested in
# tests/printing/test_name_fonts.py.
need_apt=(xvfb xauth fonts-ipamj-mincho "${QT_SYSTEM_LIBRARIES[@]}")
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
install_missing_debian_packages "${need_apt[@]}"

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "error: no tests were collected" >&2
  exit 1
fi
exit "$status"
