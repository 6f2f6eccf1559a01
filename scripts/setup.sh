#!/usr/bin/env bash
# Installs what the editor, or the whole test suite, needs on Debian or Ubuntu.
# Idempotent: a second run only checks.  Usage: scripts/setup.sh editor|tests
set -euo pipefail
purpose=${1:-editor}
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Qt's offscreen and xcb platforms and QtWebEngine need these system libraries.
debs=(python3 python3-venv python3-pip libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
      libdbus-1-3 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxshmfence1 libgbm1
      libxcb-cursor0 fonts-dejavu-core)
if [ "$purpose" = tests ]; then
  # Chromium runs the exported packages; poppler reads the PDFs back; Noto CJK is the font a CJK
  # author would have; node/npm bring scorm-again and axe-core; desktop-file-utils and appstream
  # check the Linux desktop files.
  debs+=(chromium poppler-utils fonts-noto-cjk fonts-noto-color-emoji nodejs npm
         desktop-file-utils appstream xvfb)
fi
missing=()
for deb in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing+=("$deb")
done
# An existing Node.js from elsewhere is fine.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extra=gui
[ "$purpose" = tests ] && extra=test
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[$extra]"

if [ "$purpose" = tests ] && [ -f tests/e2e/package.json ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --silent)
fi
