#!/usr/bin/env bash
# Stops what up.sh started, by pid: the services (all at once), mail, Keycloak, Kafka, PostgreSQL.
# TERM first, KILL after a deadline. Safe when nothing runs. Data is kept: a down/up cycle keeps
# topics, records and databases (use up.sh --fresh to start empty).
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -d "${RELANCE_DATA_DIR}" ]] || { log "nothing to stop (no ${RELANCE_DATA_DIR})"; exit 0; }

# All services at once (none depends on another to shut down), then the infrastructure.
services=()
for entry in "${SERVICES[@]}"; do services+=("${entry%%:*}-service"); done
# Services started with another RELANCE_SERVICES list still have their pid file here.
for pidf in "${RUN_DIR}"/*-service.pid; do
  [[ -e "${pidf}" ]] || continue
  name="$(basename "${pidf}" .pid)"
  [[ " ${services[*]} " == *" ${name} "* ]] || services+=("${name}")
done
stop_components 30 "${services[@]}"

stop_component mail 10
stop_component keycloak 30
# A controlled shutdown of the broker takes a few seconds; KILL would only cost a log recovery.
stop_component kafka 60

if PG_BIN="$(find_pg_bin)" && pg_running; then
  as_pg "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -m fast -w -t 60 stop >/dev/null \
    || die "postgres: pg_ctl stop failed (log: $(log_file postgres))"
  ok "postgres stopped"
else
  log "postgres: not running"
fi
rm -f "$(pid_file postgres)"
