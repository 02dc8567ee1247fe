#!/usr/bin/env bash
# Unpacks kubectl 1.20 (Debian's kubernetes-client package) into .tools/kubernetes-client/, beside the preinstalled
# kubectl rather than over it: the package's /usr/bin/kubectl would clash with the kubectl already on the machine.
# The Kubernetes-view tests run every kubectl they find (kubectl on PATH, and this one). Quick when it is there.
# A failure is reported, not fatal: the tests then run with the kubectl on PATH only, and say so.
set -euo pipefail
cd "$(dirname "$0")/.."
target=.tools/kubernetes-client
[ -x "$target/usr/bin/kubectl" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! (cd "$work" && apt-get download -qq kubernetes-client 2>/dev/null ||
  { $sudo apt-get update -qq && cd "$work" && apt-get download -qq kubernetes-client; }) >/dev/null 2>&1; then
  echo "setup: could not download Debian's kubernetes-client (kubectl 1.20); its tests will not run" >&2
  exit 0
fi
mkdir -p "$target"
dpkg-deb -x "$work"/kubernetes-client_*.deb "$target"
echo "setup: kubectl $("$target/usr/bin/kubectl" version --client --short 2>/dev/null || true) unpacked into $target" >&2
