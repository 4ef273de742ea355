#!/usr/bin/env bash
# A short tour (about 20 s) of the running local stack (deploy/local/up.sh, or up.sh --demo):
# three invoices of a fresh tenant walk through the standard French dunning plan (D-5 courtesy
# notice, D+1 and D+8 emails, D+15 call task, D+30 formal notice by registered letter) on the
# manual clock.
#
#   F-2026-0101  Transports Lefèvre SAS   2 450,00 €  due 2026-02-04  paid after the friendly reminder
#   F-2026-0102  Dupont Frères SARL       1 200,00 €  due 2026-02-04  unpaid: formal notice, then escalated
#   F-2026-0103  Atelier Moreau SARL      3 780,50 €  due 2026-02-10  unpaid: formal notice, deadline pending
#
# Each run uses a new tenant (demo-<timestamp>, or RELANCE_DEMO_TENANT), so its clock starts on
# the stack's RELANCE_CLOCK_START_DATE (2026-01-05 by default) and nothing clashes with earlier
# runs; recipients are plus-addressed with the tenant so that each run has its own mailboxes.
# Every step waits for its events by polling the services' APIs, up to RELANCE_DEMO_WAIT_S
# (default 60) seconds, and fails with what it saw last.
#
#   deploy/local/demo.sh
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die "unknown option: $1 (try --help)" ;;
esac

command -v curl >/dev/null || die "curl is needed on the PATH"
command -v python3 >/dev/null || die "python3 is needed on the PATH"

TENANT="${RELANCE_DEMO_TENANT:-demo-$(date +%Y%m%d-%H%M%S)}"
WAIT_S="${RELANCE_DEMO_WAIT_S:-60}"

# Ports of the services (RELANCE_SERVICES may move them).
declare -A PORT=([invoice]=8081 [dunning]=8082 [penalty]=8083 [notification]=8084 [litigation]=8085)
for entry in "${SERVICES[@]}"; do PORT[${entry%%:*}]="${entry##*:}"; done
url() { printf 'http://%s:%s%s' "${HOST}" "${PORT[$1]}" "$2"; }

# --- HTTP and JSON helpers -----------------------------------------------------------------

# The demo's callers, with tokens of the local Keycloak (deploy/local/token.sh): the tenant's ERP
# posts invoices and payments, a viewer of the tenant reads, the operator moves the demo clock.
declare -A TOKEN=()
# token_for METHOD PATH: sets CALLER_TOKEN (no subshell, so that the tokens are fetched once).
token_for() {
  local method=$1 path=$2 role
  if [[ "${path}" == /api/v1/tenants/* ]]; then role=operator
  elif [[ "${method}" == GET ]]; then role=viewer
  else role=erp; fi
  if [[ -z "${TOKEN[${role}]:-}" ]]; then
    TOKEN[${role}]="$("${RELANCE_LOCAL_DIR}/token.sh" "${role}" "${TENANT}")" || die "no ${role} token from deploy/local/token.sh"
  fi
  CALLER_TOKEN="${TOKEN[${role}]}"
}

# http METHOD SERVICE PATH [JSON]: sets HTTP_CODE and HTTP_BODY; never fails on its own.
http() {
  local method=$1 service=$2 path=$3 body=${4:-} out
  token_for "${method}" "${path}"
  local args=(-sS -m 10 -X "${method}" -H "Authorization: Bearer ${CALLER_TOKEN}" -w '\n%{http_code}')
  [[ -z "${body}" ]] || args+=(-H 'Content-Type: application/json' -d "${body}")
  out="$(curl "${args[@]}" "$(url "${service}" "${path}")" 2>&1)" || out=$'\n000'
  HTTP_CODE="${out##*$'\n'}"
  HTTP_BODY="${out%$'\n'*}"
}

# call METHOD SERVICE PATH [JSON] EXPECTED_CODES: like http, but dies unless the status is one
# of EXPECTED_CODES (e.g. "200 201"); prints nothing.
call() {
  local expected="${*: -1}"
  http "${@:1:$#-1}"
  [[ " ${expected} " == *" ${HTTP_CODE} "* ]] \
    || die "$1 $(url "$2" "$3") answered ${HTTP_CODE}, expected ${expected}: ${HTTP_BODY}"
}

# py EXPR: evaluates a Python expression on the JSON of HTTP_BODY, bound to d; prints the result.
# j(x) parses x again when it is a JSON text (tolerates JSON stored as a string).
py() {
  python3 -c '
import json, sys
def j(x):
    if isinstance(x, str):
        try:
            return json.loads(x)
        except ValueError:
            return x
    return x
d = json.loads(sys.stdin.read())
r = eval(sys.argv[1])
print(json.dumps(r) if isinstance(r, (dict, list)) else r)
' "$1" <<<"${HTTP_BODY}"
}

# wait_until DESCRIPTION SERVICE PATH EXPR: polls GET SERVICE PATH every 0.5 s until it answers
# 200 with EXPR true, or dies after WAIT_S seconds with the last answer.
wait_until() {
  local what=$1 service=$2 path=$3 expr=$4 end=$((SECONDS + WAIT_S)) start=${SECONDS}
  while :; do
    http GET "${service}" "${path}"
    if [[ "${HTTP_CODE}" == 200 && "$(py "${expr}" 2>/dev/null || true)" == True ]]; then
      ok "${what} ($((SECONDS - start))s)"
      return 0
    fi
    ((SECONDS < end)) || die "waited ${WAIT_S}s for: ${what}; last answer of GET $(url "${service}" "${path}"): ${HTTP_CODE} ${HTTP_BODY:0:400}"
    sleep 0.5
  done
}

# Dunning conditions, on GET /api/v1/dunning/{id} (d = the case).
step_delivered() { printf 'any(s["step"] == "%s" and s.get("proof") is not None for s in d["steps"])' "$1"; }
status_is() { printf 'd["status"] == "%s"' "$1"; }

# advance_to DATE: moves the tenant's clock forward to DATE (one DayStarted per day).
advance_to() {
  local target=$1 today days
  call GET invoice /api/v1/clock 200
  today="$(py 'd["date"]')"
  days="$(python3 -c 'import datetime,sys; f=datetime.date.fromisoformat; print((f(sys.argv[2]) - f(sys.argv[1])).days)' "${today}" "${target}")"
  ((days > 0)) || die "the clock of ${TENANT} is on ${today}, already at or past ${target}"
  call POST invoice "/api/v1/tenants/${TENANT}/clock/advance" "{\"days\":${days}}" 200
  [[ "$(py 'd["date"]')" == "${target}" ]] || die "clock advance did not reach ${target}: ${HTTP_BODY}"
  log "clock of ${TENANT}: ${today} + ${days} day(s) = ${target}"
}

# --- the scenario --------------------------------------------------------------------------

# Stack up?
for service in invoice dunning penalty notification litigation; do
  health="http://${HOST}:$((PORT[${service}] + 1000))/q/health/ready"
  code="$(curl -s -o /dev/null -m 3 -w '%{http_code}' "${health}" || true)"
  [[ "${code}" == 200 ]] || die "${service}-service is not ready on ${health} (${code:-no answer}): run deploy/local/up.sh"
done
curl -sf -o /dev/null -m 3 "http://${HOST}:${MAIL_API_PORT}/api/service/readiness" \
  || die "GreenMail is not answering on port ${MAIL_API_PORT}: run deploy/local/up.sh"

START=${SECONDS}
printf '\n%sRelance demo%s, tenant %s\n' "${_C_BOLD}" "${_C_OFF}" "${TENANT}"
call GET invoice /api/v1/clock 200
[[ "$(py 'd["manual"]')" == True ]] || die "the services run on the wall clock: start them with deploy/local/up.sh (RELANCE_CLOCK_MANUAL=true)"
START_DATE="$(py 'd["date"]')"
[[ "${START_DATE}" < 2026-01-06 ]] \
  || die "the clock of ${TENANT} is on ${START_DATE}, after the invoices' issue date (2026-01-05): the tenant was used before (unset RELANCE_DEMO_TENANT for a new one) or the services were started with a later RELANCE_CLOCK_START_DATE (up.sh's default is 2026-01-05)"
log "business clock of ${TENANT} starts on ${START_DATE}"

NAMES=(paid unpaid late)
declare -A NUMBER=([paid]=F-2026-0101 [unpaid]=F-2026-0102 [late]=F-2026-0103)
declare -A DEBTOR_ID=([paid]=C-LEFEVRE [unpaid]=C-DUPONT [late]=C-MOREAU)
declare -A DEBTOR=([paid]="Transports Lefèvre SAS" [unpaid]="Dupont Frères SARL" [late]="Atelier Moreau SARL")
declare -A MAIL=([paid]="compta+${TENANT}@transports-lefevre.example" [unpaid]="comptabilite+${TENANT}@dupont-freres.example"
  [late]="factures+${TENANT}@atelier-moreau.example")
declare -A AMOUNT=([paid]=2450.00 [unpaid]=1200.00 [late]=3780.50)
declare -A DUE=([paid]=2026-02-04 [unpaid]=2026-02-04 [late]=2026-02-10)
declare -A ID=()

log "1. posting three invoices issued on 2026-01-05"
for n in "${NAMES[@]}"; do
  call POST invoice /api/v1/invoices "$(python3 -c '
import json, sys
number, debtor_id, name, mail, amount, due = sys.argv[1:]
address = {"lines": ["12 rue de la République"], "postalCode": "69002", "city": "Lyon", "country": "FR"}
print(json.dumps({"invoiceNumber": number, "debtor": {"id": debtor_id, "name": name, "email": mail, "address": address},
                  "issueDate": "2026-01-05", "dueDate": due, "currency": "EUR", "amount": amount}))
' "${NUMBER[$n]}" "${DEBTOR_ID[$n]}" "${DEBTOR[$n]}" "${MAIL[$n]}" "${AMOUNT[$n]}" "${DUE[$n]}")" "201 200"
  ID[$n]="$(py 'd["id"]')"
  ok "${NUMBER[$n]}  ${DEBTOR[$n]}, ${AMOUNT[$n]} EUR due ${DUE[$n]}: invoice ${ID[$n]} (${HTTP_CODE})"
done
for n in "${NAMES[@]}"; do
  wait_until "dunning-service opened the case of ${NUMBER[$n]}" dunning "/api/v1/dunning/${ID[$n]}" "$(status_is ACTIVE)"
done

log "2. the day after the first due date: courtesy notices went on 2026-01-30 (D-5), now friendly reminders"
advance_to 2026-02-05
for n in paid unpaid; do
  wait_until "friendly reminder of ${NUMBER[$n]} sent" dunning "/api/v1/dunning/${ID[$n]}" "$(step_delivered FRIENDLY_EMAIL)"
done
wait_until "penalties assessed on ${NUMBER[unpaid]} (due date passed)" penalty "/api/v1/penalties/${ID[unpaid]}" 'd["asOf"] == "2026-02-05"'

log "3. Transports Lefèvre pays ${NUMBER[paid]} in full after its reminder"
call POST invoice "/api/v1/invoices/${ID[paid]}/payments" \
  "{\"amount\":\"${AMOUNT[paid]}\",\"paidOn\":\"2026-02-05\",\"reference\":\"VIR-LEFEVRE-0205\"}" "201 200"
ok "payment recorded: invoice ${NUMBER[paid]} is $(py 'd["status"]'), outstanding $(py 'd["outstanding"]') EUR"
wait_until "the plan of ${NUMBER[paid]} stopped" dunning "/api/v1/dunning/${ID[paid]}" "$(status_is PAID)"

log "4. the day after the second due date: friendly reminder of ${NUMBER[late]}"
advance_to 2026-02-11
wait_until "friendly reminder of ${NUMBER[late]} sent" dunning "/api/v1/dunning/${ID[late]}" "$(step_delivered FRIENDLY_EMAIL)"

log "5. due date + 30 days: formal notice of ${NUMBER[unpaid]} (8 days to pay, deadline 2026-03-14)"
advance_to 2026-03-07
wait_until "formal notice of ${NUMBER[unpaid]} sent" dunning "/api/v1/dunning/${ID[unpaid]}" "$(step_delivered FORMAL_NOTICE)"

log "6. past the deadline: ${NUMBER[unpaid]} escalates; ${NUMBER[late]} gets its formal notice (deadline 2026-03-20)"
advance_to 2026-03-16
wait_until "${NUMBER[unpaid]} escalated" dunning "/api/v1/dunning/${ID[unpaid]}" "$(status_is ESCALATED)"
wait_until "formal notice of ${NUMBER[late]} sent" dunning "/api/v1/dunning/${ID[late]}" "$(step_delivered FORMAL_NOTICE)"
wait_until "penalties of ${NUMBER[unpaid]} assessed at escalation" penalty "/api/v1/penalties/${ID[unpaid]}" 'd["trigger"] == "ESCALATION"'
wait_until "evidence file of ${NUMBER[unpaid]} complete and verified" litigation "/api/v1/evidence/${ID[unpaid]}" \
  'd["verified"] and "CaseEscalated" in [e["type"] for e in d["events"]]'
# The paid invoice's mailbox: the courtesy notice, one reminder and nothing after the payment.
for n in "${NAMES[@]}"; do
  wait_until "mail of ${NUMBER[$n]} delivered to GreenMail" notification "/api/v1/notifications/${ID[$n]}" \
    'len([o for o in d if o["type"] == "ReminderSent"]) >= 1'
done

# --- summary -------------------------------------------------------------------------------

printf '\n%sSummary%s (tenant %s, business date %s, %ss)\n' "${_C_BOLD}" "${_C_OFF}" "${TENANT}" 2026-03-16 "$((SECONDS - START))"
for n in "${NAMES[@]}"; do
  call GET invoice "/api/v1/invoices/${ID[$n]}" 200
  inv="$(py '"{} {:<24} {:>8} EUR due {}  invoice: {:<8} outstanding {:>8}".format(d["invoiceNumber"], d["debtor"]["name"], d["amount"], d["dueDate"], d["status"], d["outstanding"])')"
  call GET dunning "/api/v1/dunning/${ID[$n]}" 200
  steps="$(py '", ".join("{} {} ({})".format(s["step"], s["takenOn"], (s.get("proof") or {}).get("type", "call task" if s["channel"] == "PHONE_TASK" else "no proof yet")) for s in d["steps"] if s["state"] == "TAKEN") or "none"')"
  dun="$(py '"{}: {}".format(d["status"], d["explanation"])')"
  call GET penalty "/api/v1/penalties/${ID[$n]}" 200
  pen="$(py '"{} EUR (interest {} + indemnity {}), last assessed {} on {}".format(d["total"], d["interest"], d["indemnity"], d["trigger"], d["asOf"])')"
  printf '\n  %s\n' "${inv}"
  printf '    %-10s %s\n' "id" "${ID[$n]}" "dunning" "${dun}" "steps" "${steps}" "penalties" "${pen}"
done

printf '\n%sMail received%s (deploy/local/mail.sh <address>; --full for the text)\n' "${_C_BOLD}" "${_C_OFF}"
for n in "${NAMES[@]}"; do
  "${RELANCE_LOCAL_DIR}/mail.sh" "${MAIL[$n]}" 2>/dev/null | sed 's/^/  /'
done
paid_mails="$("${RELANCE_LOCAL_DIR}/mail.sh" "${MAIL[paid]}" 2>/dev/null | wc -l)"
# the courtesy notice before the due date and the friendly reminder, nothing after the payment
((paid_mails == 2)) || warn "${NUMBER[paid]} was paid after its first reminder but ${MAIL[paid]} received ${paid_mails} mail(s), not 2"

call GET litigation "/api/v1/evidence/${ID[unpaid]}" 200
printf '\n%sEvidence file of the escalated invoice%s %s (%s events, chains verified: %s)\n' "${_C_BOLD}" "${_C_OFF}" \
  "${NUMBER[unpaid]}" "$(py 'd["eventCount"]')" "$(py 'd["verified"]')"
printf '  %s\n' "$(url litigation "/api/v1/evidence/${ID[unpaid]}")   (a token of tenant ${TENANT})" \
  "curl -s -H \"Authorization: Bearer \$(deploy/local/token.sh viewer ${TENANT})\" $(url litigation "/api/v1/evidence/${ID[unpaid]}") | python3 -m json.tool"
printf '  %s\n' "$(py '" -> ".join(e["type"] for e in d["events"])')"
ok "demo done in $((SECONDS - START))s: ${NUMBER[paid]} paid, ${NUMBER[unpaid]} escalated, ${NUMBER[late]} awaiting its formal notice deadline"
