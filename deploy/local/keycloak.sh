#!/usr/bin/env bash
# The local identity provider alone: deploy/local/keycloak.sh start|stop
# up.sh and down.sh start and stop it with the rest of the stack; the end-to-end tests start their
# own with this script (RELANCE_DATA_DIR and RELANCE_KEYCLOAK_*PORT set to their own).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_dirs
case "${1:-}" in
  start) start_keycloak ;;
  stop) stop_component keycloak 30 ;;
  *) die "usage: deploy/local/keycloak.sh start|stop" ;;
esac
