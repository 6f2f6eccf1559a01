#!/usr/bin/env bash
# Sets up the editor and opens it on the sample course.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh editor
[ "$(id -u)" -eq 0 ] && export QTWEBENGINE_DISABLE_SANDBOX=1
exec .venv/bin/authoring sample_courses/customer-focus/course.md
