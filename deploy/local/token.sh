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
# A tenant is registered on first use too (POST /api/v1/tenants on invoice-service, as the operator,
# with a demo creditor identity), since every service refuses a token for an unknown tenant;
# RELANCE_INVOICE_URL says where invoice-service is (default http://127.0.0.1:8081).
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

# Registers the tenant with a demo identity unless invoice-service knows it; a warning only when
# invoice-service does not answer (the token is still printed).
ensure_tenant() {
  local tenant=$1 url="${RELANCE_INVOICE_URL:-http://${HOST}:8081}" operator code
  operator="$(keycloak_token password relance-cli "" operator)"
  code="$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "Authorization: Bearer ${operator}" \
    "${url}/api/v1/tenants/${tenant}" || true)"
  case "${code}" in
    200) return 0 ;;
    404) ;;
    *) warn "invoice-service (${url}) did not say whether tenant ${tenant} is registered (${code:-no answer}): not registered now"; return 0 ;;
  esac
  code="$(curl -s -o /dev/null -m 10 -w '%{http_code}' -X POST -H "Authorization: Bearer ${operator}" \
    -H 'Content-Type: application/json' "${url}/api/v1/tenants" -d "$(cat <<JSON
{"tenant":"${tenant}","legalName":"Démo ${tenant} SAS","legalId":"552100554",
 "address":{"lines":["8 rue de la Paix"],"postalCode":"75002","city":"Paris","country":"FR"},
 "country":"FR","timeZone":"Europe/Paris","language":"fr",
 "signatory":{"name":"Claire Dubois","title":"Directrice financière"},
 "contactEmail":"recouvrement@${tenant}.example"}
JSON
)")"
  [[ "${code}" == 201 || "${code}" == 409 ]] || die "could not register tenant ${tenant} on ${url} (${code})"
  log "tenant ${tenant} registered with a demo identity (PUT /api/v1/tenants/${tenant} changes it)" >&2
}

if [[ "${ROLE}" != operator ]]; then
  ensure_tenant "${TENANT}"
fi

if [[ "${ROLE}" == erp ]]; then
  keycloak_ensure_erp_client "${TENANT}"
  keycloak_token client_credentials "erp-${TENANT}" "erp-${TENANT}-local-secret"
elif [[ "${ROLE}" == operator ]]; then
  keycloak_token password relance-cli "" operator
else
  keycloak_ensure_user "${ROLE}" "${TENANT}"
  keycloak_token password relance-cli "" "${ROLE}.${TENANT}"
fi
