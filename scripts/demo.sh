#!/usr/bin/env bash
# Install Kyojo Desk into .venv and start it on a local demo database (demo-data/).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
export LANG=C.UTF-8
if [ ! -f demo-data/kyojo.db ]; then
  .venv/bin/kyojo-desk --data-dir demo-data demo --residents 300 --seed 1
fi
exec .venv/bin/kyojo-desk --data-dir demo-data "$@"
