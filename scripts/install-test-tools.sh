#!/usr/bin/env bash
# Installs what the test suite runs besides Java: promtool/prometheus (Debian's prometheus package),
# systemd-analyze (to verify the shipped unit), chromium (the live page's browser tests, headless) and gcc (compiles
# the fake libnvidia-ml.so.1 of src/test/c).
# Idempotent; needs root (or sudo) on a Debian-like machine the first time.
set -euo pipefail
need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)   # verifies the shipped unit file
command -v chromium >/dev/null 2>&1 || need+=(chromium)          # LivePageBrowserTest, LivePageWebTest
command -v gcc >/dev/null 2>&1 || need+=(gcc libc6-dev)          # the fake NVML library the JNA tests load
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-test-tools: installing ${need[*]} from apt" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
# The package may start a service on some systems; the tests run their own Prometheus on loopback.
$SUDO systemctl stop prometheus 2>/dev/null || true
