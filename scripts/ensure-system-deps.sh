#!/usr/bin/env bash
# ensure-system-deps.sh - install the Debian packages the tests need, only if something is missing.
#   python3-keystone, python3-glance : the real Keystone + Glance the integration tests run on 127.0.0.1
#   qemu-utils (qemu-img)            : build/inspect small disk images for upload tests
#   xz-utils, bzip2, zstd            : apply and mirror decompress .xz/.bz2/.zst upstream files through
#                                      them (gzip is Node's zlib); the tests build such files with them
#   swift-proxy, swift-account,      : a real Swift (object storage) on 127.0.0.1 for the mirror tests
#   swift-container, swift-object
#   python3-swiftclient (swift)      : the `swift upload` the mirror benchmark compares against
#   curl                             : handy for debugging the local cloud; cheap
#   chromium                         : headless browser for the HTML-report test
#   faketime                         : moves the clock: CI runs the suite a second time 400 days ahead,
#                                      and test certificates are issued as of 2000-01-01
#   prometheus (promtool)            : checks the exported metrics and the shipped alert rules, and a real
#                                      Prometheus scrapes `serve` in an integration test
# Idempotent and fast (a few stat calls) when everything is there, so `npm test` can always call it.
set -euo pipefail

PKGS=(python3-keystone python3-glance python3-openstackclient swift-proxy swift-account swift-container swift-object python3-swiftclient qemu-utils xz-utils bzip2 zstd curl chromium faketime zsh fish prometheus)
missing=()
[ -d /usr/lib/python3/dist-packages/keystone ] || missing+=(python3-keystone)
[ -d /usr/lib/python3/dist-packages/glance ]   || missing+=(python3-glance)
command -v qemu-img >/dev/null 2>&1             || missing+=(qemu-img)
[ -d /usr/lib/python3/dist-packages/swift/proxy ] || missing+=(swift-proxy)
[ -d /usr/lib/python3/dist-packages/swift/obj ]   || missing+=(swift-object)
[ -x /usr/bin/swift-account-server ]             || missing+=(swift-account)
[ -x /usr/bin/swift-container-server ]           || missing+=(swift-container)
command -v swift >/dev/null 2>&1                || missing+=(python3-swiftclient)
command -v xz >/dev/null 2>&1                   || missing+=(xz-utils)
command -v bzip2 >/dev/null 2>&1                || missing+=(bzip2)
command -v zstd >/dev/null 2>&1                 || missing+=(zstd)
command -v curl >/dev/null 2>&1                 || missing+=(curl)
command -v openstack >/dev/null 2>&1            || missing+=(python3-openstackclient)
command -v chromium >/dev/null 2>&1             || missing+=(chromium)
command -v faketime >/dev/null 2>&1             || missing+=(faketime)
# the completion tests run the generated scripts in the real shells
command -v zsh >/dev/null 2>&1                  || missing+=(zsh)
command -v fish >/dev/null 2>&1                 || missing+=(fish)
command -v promtool >/dev/null 2>&1             || missing+=(prometheus)

if [ ${#missing[@]} -eq 0 ]; then
  echo "[ensure-system-deps] all present (keystone, glance, swift, openstack CLI, qemu-img, xz, bzip2, zstd, curl, chromium, faketime, zsh, fish, prometheus)"
  exit 0
fi

echo "[ensure-system-deps] missing: ${missing[*]} -> apt-get install ${PKGS[*]}"
SUDO=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
    echo "[ensure-system-deps] ERROR: not root and no sudo; install as root: apt-get install ${PKGS[*]}" >&2
    exit 1
  fi
fi
t0=$(date +%s)
# no stdin in CI: -y and noninteractive frontend; --no-install-recommends keeps it to what we need
"${SUDO[@]}" apt-get update -q
# wait for a dpkg lock held by another apt run instead of failing at once
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 \
  --no-install-recommends "${PKGS[@]}"
echo "[ensure-system-deps] installed ${PKGS[*]} in $(( $(date +%s) - t0 )) s"
