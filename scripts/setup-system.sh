#!/usr/bin/env bash
# Installs the Debian packages systematise needs, only those that are missing.
#   scripts/setup-system.sh report   what building the report needs (Pango for WeasyPrint)
#   scripts/setup-system.sh test     that, plus the real clients the test suite drives
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

need_report=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
need_test=(libreoffice-calc libreoffice-writer chromium poppler-utils qpdf default-jre-headless)
# npm comes with the machine's Node.js; Debian's npm is used only where none is on PATH.
command -v npm >/dev/null 2>&1 || need_test+=(npm)

wanted=("${need_report[@]}")
if [ "${1:-report}" = "test" ]; then
  wanted+=("${need_test[@]}")
fi

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Missing system packages (${missing[*]}) and no root rights: install them with apt-get." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
