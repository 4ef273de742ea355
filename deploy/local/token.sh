#!/usr/bin/env bash
# Prints an access token of the local identity provider (Keycloak, started by up.sh) for a role
# and a tenant, creating the client or the user on first use so that scripts and tests can use
# fresh tenants:
#
#   deploy/local/token.sh ROLE [TENANT]      TENANT defaults to "default"; none for operator
#
#   erp             client credentials of the confidential client erp-<tenant>
#                   (secret erp-<tenant>-local-secret), actor = the client id
#   credit-manager, collector, viewer
#                   password grant of the user <role>.<tenant> (password "relance") through the
#                   public client relance-cli, actor = the user's id (sub)
#   operator        the user "operator", platform-wide: no tenant claim
#
# Example:  curl -H "Authorization: Bearer $(deploy/local/token.sh erp)" http://127.0.0.1:8081/api/v1/clock
# Local defaults only: a deployment uses its own identity provider, clients and secrets.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROLE="${1:-}"
TENANT="${2:-default}"
case "${ROLE}" in
  erp | credit-manager | collector | viewer | operator) ;;
  -h | --help | "") sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; [[ -n "${ROLE}" ]]; exit ;;
  *) die "unknown role '${ROLE}': erp, credit-manager, collector, viewer or operator" ;;
esac
[[ "${TENANT}" =~ ^[a-z0-9-]{1,63}$ ]] || die "a tenant is lowercase letters, digits and dashes (1 to 63), not '${TENANT}'"

port_open "${HOST}" "${KEYCLOAK_PORT}" || die "Keycloak does not answer on ${HOST}:${KEYCLOAK_PORT}: run deploy/local/up.sh"

if [[ "${ROLE}" == erp ]]; then
  keycloak_ensure_erp_client "${TENANT}"
  keycloak_token client_credentials "erp-${TENANT}" "erp-${TENANT}-local-secret"
elif [[ "${ROLE}" == operator ]]; then
  keycloak_token password relance-cli "" operator
else
  keycloak_ensure_user "${ROLE}" "${TENANT}"
  keycloak_token password relance-cli "" "${ROLE}.${TENANT}"
fi
