#!/usr/bin/env bash
# Checks the Prometheus alerting rules in deploy/observability/rules/: their syntax
# (promtool check rules) and their unit tests (promtool test rules). Installs Debian's
# prometheus package, which ships promtool, when promtool is missing. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool not found: installing Debian's prometheus package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  # Only promtool is wanted: where systemd runs, the package starts a server on :9090.
  if command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
fi

promtool --version 2>&1 | sed -n 1p
promtool check rules deploy/observability/rules/*.rules.yml
promtool test rules deploy/observability/rules/*.test.yml
