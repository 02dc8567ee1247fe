#!/usr/bin/env bash
# Installs what kkp-mock needs to build, run and test on a fresh Debian machine (as root, or with sudo).
# Quiet and quick when everything is already there.
set -euo pipefail

packages=(libmicrohttpd-dev libsqlite3-dev sqlite3 pkg-config curl)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || { echo "setup: the Swift 6 toolchain is needed (swift is not on PATH)" >&2; exit 1; }
