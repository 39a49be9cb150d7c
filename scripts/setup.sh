#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine: the system packages the tests and code-server need,
# then the npm dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(chromium ripgrep libkrb5-dev pkg-config libx11-dev libxkbfile-dev libsecret-1-dev git)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: npm ci"
npm ci --no-audit --no-fund
echo "setup: done"
