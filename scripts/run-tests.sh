#!/usr/bin/env bash
# Sets up everything the tests need, then runs the linters and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh tests
export QT_QPA_PLATFORM=offscreen
[ "$(id -u)" -eq 0 ] && export QTWEBENGINE_DISABLE_SANDBOX=1
echo "== ruff"; .venv/bin/ruff check src tests bench
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/pytest "$@"
