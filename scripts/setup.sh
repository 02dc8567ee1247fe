#!/usr/bin/env bash
# Installs what kkp-mock needs to build, run and test on a fresh Debian machine (as root, or with sudo):
# the Debian packages of scripts/apt-packages.txt and the Python packages of scripts/requirements.txt, and copies the
# Swagger UI's files to .build/swagger-ui.
# Quiet and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")"

mapfile -t packages < <(grep -v '^\s*#' apt-packages.txt | awk 'NF { print $1 }')
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

if grep -qv '^\s*\(#\|$\)' requirements.txt; then
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore -r requirements.txt
fi

# The Swagger UI's files (PyPI swagger-ui-bundle) go where kkp-mock looks for them by default: .build/swagger-ui.
ui=$(python3 -c 'import swagger_ui_bundle; print(swagger_ui_bundle.swagger_ui_path)')
rm -rf ../.build/swagger-ui
mkdir -p ../.build
cp -R "$ui" ../.build/swagger-ui

./setup-kubectl-1.20.sh

command -v swift >/dev/null || { echo "setup: the Swift 6 toolchain is needed (swift is not on PATH)" >&2; exit 1; }
