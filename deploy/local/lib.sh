# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this
# Shared functions of the local stack scripts (up.sh, down.sh, kafka-console.sh, mail.sh).
# Sourced, never executed. Everything listens on 127.0.0.1 only.
#
# Layout of the data folder (${RELANCE_DATA_DIR}, default <repo>/.relance):
#   tools/kafka/*.jar  tools/greenmail/*.jar   jars fetched once by tools/pom.xml
#   kafka/             server.properties, cluster-id, log4j2 configs, data/ (the log dir)
#   postgres/          data/ (the cluster, owned by the postgres OS user), socket/
#   keycloak/          the identity provider's distribution (unzipped once), its H2 data, admin password
#   services/<name>/   working directory of each service
#   logs/<component>.log   run/<component>.pid

RELANCE_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RELANCE_REPO="$(cd "${RELANCE_LOCAL_DIR}/../.." && pwd)"
RELANCE_DATA_DIR="${RELANCE_DATA_DIR:-${RELANCE_REPO}/.relance}"
TOOLS_DIR="${RELANCE_DATA_DIR}/tools"
LOG_DIR="${RELANCE_DATA_DIR}/logs"
RUN_DIR="${RELANCE_DATA_DIR}/run"
KAFKA_DIR="${RELANCE_DATA_DIR}/kafka"
KAFKA_LOG_DIR="${KAFKA_DIR}/data"
PG_DIR="${RELANCE_DATA_DIR}/postgres"
PG_DATA="${PG_DIR}/data"
PG_SOCKET_DIR="${PG_DIR}/socket"
SERVICES_DIR="${RELANCE_DATA_DIR}/services"

# Loopback only: "localhost" may resolve to ::1 while the components listen on IPv4.
readonly HOST=127.0.0.1
KAFKA_PORT="${RELANCE_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${RELANCE_KAFKA_CONTROLLER_PORT:-9093}"
PG_PORT="${RELANCE_PG_PORT:-5433}"
SMTP_PORT="${RELANCE_SMTP_PORT:-3025}"
IMAP_PORT="${RELANCE_IMAP_PORT:-3143}"
MAIL_API_PORT="${RELANCE_MAIL_API_PORT:-8025}"
KEYCLOAK_PORT="${RELANCE_KEYCLOAK_PORT:-8180}"
KEYCLOAK_MANAGEMENT_PORT="${RELANCE_KEYCLOAK_MANAGEMENT_PORT:-9180}"
KEYCLOAK_DIR="${RELANCE_DATA_DIR}/keycloak"
KEYCLOAK_ISSUER="http://${HOST}:${KEYCLOAK_PORT}/realms/relance"
readonly PG_USER=relance PG_PASSWORD=relance
# name:port, in start order; down.sh stops them in reverse order.
# shellcheck disable=SC2206 # word splitting of the override is intended
SERVICES=(${RELANCE_SERVICES:-invoice:8081 dunning:8082 penalty:8083 notification:8084 litigation:8085})
# "subject_keys": the key database of the data subjects' keys, shared by the services granted them
PG_DATABASES=(invoice dunning penalty notification litigation subject_keys)

KAFKA_CP="${TOOLS_DIR}/kafka/*"
# SASL/SCRAM users of the local broker: its own super users, each service's principal (named like
# the service) and the operator's (read-only, for kafka-console.sh and kcat). Passwords are random,
# made when the log dir is formatted, one file each under credentials/ (local only).
KAFKA_CREDENTIALS_DIR="${KAFKA_DIR}/credentials"
KAFKA_OPERATOR=relance-operator
KAFKA_SCRAM_USERS=(admin broker "${KAFKA_OPERATOR}" invoice-service dunning-service penalty-service notification-service litigation-service)
# The version fetched is the one of tools/pom.xml (one place to bump it).
GREENMAIL_VERSION="$(sed -n 's:.*<greenmail.version>\(.*\)</greenmail.version>.*:\1:p' "${RELANCE_LOCAL_DIR}/tools/pom.xml")"
GREENMAIL_JAR="${TOOLS_DIR}/greenmail/greenmail-standalone-${GREENMAIL_VERSION}.jar"

# --- logging -------------------------------------------------------------------------------

if [[ -t 1 ]]; then
  _C_RED=$'\e[31m' _C_GREEN=$'\e[32m' _C_YELLOW=$'\e[33m' _C_BOLD=$'\e[1m' _C_OFF=$'\e[0m'
else
  _C_RED='' _C_GREEN='' _C_YELLOW='' _C_BOLD='' _C_OFF=''
fi

log()  { printf '%s[%s]%s %s\n' "${_C_BOLD}" "$(date +%H:%M:%S)" "${_C_OFF}" "$*"; }
ok()   { printf '%s[%s] ok%s %s\n' "${_C_GREEN}" "$(date +%H:%M:%S)" "${_C_OFF}" "$*"; }
warn() { printf '%s[%s] warning:%s %s\n' "${_C_YELLOW}" "$(date +%H:%M:%S)" "${_C_OFF}" "$*" >&2; }
die()  { printf '%s[%s] error:%s %s\n' "${_C_RED}" "$(date +%H:%M:%S)" "${_C_OFF}" "$*" >&2; exit 1; }

log_file() { printf '%s/%s.log' "${LOG_DIR}" "$1"; }
pid_file() { printf '%s/%s.pid' "${RUN_DIR}" "$1"; }

# Prints the end of a component's log to stderr, then fails: used whenever something does not
# come up, so the reason is on screen without hunting for the file.
die_with_log() {
  local component=$1 message=$2 file
  file="$(log_file "${component}")"
  if [[ -s "${file}" ]]; then
    printf -- '----- last 40 lines of %s -----\n' "${file}" >&2
    tail -n 40 "${file}" >&2
    printf -- '-----\n' >&2
  fi
  die "${message} (log: ${file})"
}

# Keeps the previous run's log as <component>.log.1 so that a failure tail shows this run only.
rotate_log() {
  local file
  file="$(log_file "$1")"
  if [[ -e "${file}" ]]; then mv -f "${file}" "${file}.1"; fi
  : >"${file}"
}

ensure_dirs() {
  mkdir -p "${RELANCE_DATA_DIR}" "${TOOLS_DIR}" "${LOG_DIR}" "${RUN_DIR}" "${KAFKA_DIR}" "${SERVICES_DIR}"
  # The postgres OS user must traverse the data folder to reach its cluster and the log dir.
  chmod 0755 "${RELANCE_DATA_DIR}" "${LOG_DIR}"
}

# --- processes and ports -------------------------------------------------------------------

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# The pid of a component if its pid file points to a live process started by these scripts.
# The -Drelance.component=<name> marker on the command line guards against a recycled pid.
component_pid() {
  local component=$1 file pid
  file="$(pid_file "${component}")"
  [[ -r "${file}" ]] || return 1
  pid="$(<"${file}")"
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
  kill -0 "${pid}" 2>/dev/null || return 1
  # Keycloak's kc.sh stays the parent of its JVM (it forwards TERM to it): its pid is the script's.
  tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null \
    | grep -qE -- "-Drelance.component=${component} |$([[ ${component} == keycloak ]] && echo '/bin/kc\.sh ' || echo '^$')" \
    || return 1
  printf '%s' "${pid}"
}

# Starts a command detached from this shell (own session: a Ctrl-C or a closed terminal does not
# kill it), output appended to the component's log, pid written by the process itself before it
# execs the command, so the pid file always names the real JVM.
start_detached() {
  local component=$1 workdir=$2
  shift 2
  local pidf logf
  pidf="$(pid_file "${component}")"
  logf="$(log_file "${component}")"
  rm -f "${pidf}"
  (
    cd "${workdir}" || exit 1
    # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "${pidf}" "$@" </dev/null >>"${logf}" 2>&1 &
  )
  local waited=0
  while [[ ! -s "${pidf}" ]] && ((waited < 50)); do sleep 0.1; waited=$((waited + 1)); done
  [[ -s "${pidf}" ]] || die_with_log "${component}" "${component} did not start"
}

# Waits until host:port accepts connections; fails with the log tail if the deadline passes or
# if the process (when a component with a pid file is given) dies in the meantime.
wait_for_port() {
  local component=$1 port=$2 deadline_s=$3 end
  end=$((SECONDS + deadline_s))
  until port_open "${HOST}" "${port}"; do
    if [[ -f "$(pid_file "${component}")" ]] && ! component_pid "${component}" >/dev/null; then
      die_with_log "${component}" "${component} exited before ${HOST}:${port} answered"
    fi
    ((SECONDS < end)) || die_with_log "${component}" "${component}: ${HOST}:${port} not answering after ${deadline_s}s"
    sleep 0.5
  done
}

# Waits until an HTTP URL answers 200, same failure rules as wait_for_port.
wait_for_http_200() {
  local component=$1 url=$2 deadline_s=$3 end code
  end=$((SECONDS + deadline_s))
  while :; do
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "${url}" || true)"
    [[ "${code}" == 200 ]] && return 0
    if ! component_pid "${component}" >/dev/null; then
      die_with_log "${component}" "${component} exited before ${url} answered 200"
    fi
    ((SECONDS < end)) || die_with_log "${component}" "${component}: ${url} answers ${code:-nothing}, not 200, after ${deadline_s}s"
    sleep 1
  done
}

# Refuses to start a component on a port someone else already holds: a clearer error than
# the component's own "address already in use" buried in its log.
ensure_port_free() {
  local component=$1 port=$2
  if port_open "${HOST}" "${port}"; then
    die "${component}: ${HOST}:${port} is already in use by another process: $(ss -ltnpH "sport = :${port}" 2>/dev/null | head -n 1)"
  fi
}

# TERM, then KILL after a deadline. Safe when the component is not running.
stop_component() {
  local component=$1 deadline_s=${2:-20} pid end
  if ! pid="$(component_pid "${component}")"; then
    rm -f "$(pid_file "${component}")"
    log "${component}: not running"
    return 0
  fi
  kill -TERM "${pid}" 2>/dev/null || true
  end=$((SECONDS + deadline_s))
  while kill -0 "${pid}" 2>/dev/null && ((SECONDS < end)); do sleep 0.3; done
  if kill -0 "${pid}" 2>/dev/null; then
    warn "${component} (pid ${pid}) still alive after ${deadline_s}s, sending KILL"
    kill -KILL "${pid}" 2>/dev/null || true
    while kill -0 "${pid}" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$(pid_file "${component}")"
  ok "${component} stopped (pid ${pid})"
}

# Stops several components at once: TERM to all, then waits for all (KILL after the deadline).
# The services each spend ~3 s closing their Kafka consumers; in parallel that is paid once.
stop_components() {
  local deadline_s=$1 component pid end
  shift
  local -A pids=()
  for component in "$@"; do
    if pid="$(component_pid "${component}")"; then
      pids[${component}]=${pid}
      kill -TERM "${pid}" 2>/dev/null || true
    else
      rm -f "$(pid_file "${component}")"
      log "${component}: not running"
    fi
  done
  end=$((SECONDS + deadline_s))
  for component in "${!pids[@]}"; do
    pid=${pids[${component}]}
    while kill -0 "${pid}" 2>/dev/null && ((SECONDS < end)); do sleep 0.2; done
    if kill -0 "${pid}" 2>/dev/null; then
      warn "${component} (pid ${pid}) still alive after ${deadline_s}s, sending KILL"
      kill -KILL "${pid}" 2>/dev/null || true
      while kill -0 "${pid}" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$(pid_file "${component}")"
    ok "${component} stopped (pid ${pid})"
  done
}

# --- tools (jars) --------------------------------------------------------------------------

# Fetches the jars once; refetches only when tools/pom.xml changes (versions bumped).
ensure_tools() {
  local stamp="${TOOLS_DIR}/.pom.sha256" sum
  sum="$(sha256sum "${RELANCE_LOCAL_DIR}/tools/pom.xml" | cut -d' ' -f1)"
  if [[ -f "${stamp}" && "$(<"${stamp}")" == "${sum}" && -f "${GREENMAIL_JAR}" ]] \
    && compgen -G "${TOOLS_DIR}/kafka/kafka_2.13-*.jar" >/dev/null; then
    return 0
  fi
  log "fetching Kafka and GreenMail jars into ${TOOLS_DIR} (once)"
  rm -rf "${TOOLS_DIR}/kafka" "${TOOLS_DIR}/greenmail"
  "${RELANCE_REPO}/mvnw" -q -B -f "${RELANCE_LOCAL_DIR}/tools/pom.xml" -Dtools.dir="${TOOLS_DIR}" \
    dependency:copy-dependencies@kafka dependency:copy-dependencies@greenmail \
    || die "could not fetch the tool jars (mvnw -f deploy/local/tools/pom.xml)"
  printf '%s' "${sum}" >"${stamp}"
  ok "tools in ${TOOLS_DIR}"
}

# Log4j2 configs for the broker (INFO to its log) and the command-line tools (WARN to stderr, so
# that the console consumer's output stays clean). The broker logs nothing without a binding.
write_kafka_log4j_configs() {
  cat >"${KAFKA_DIR}/log4j2-broker.properties" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = OUT
logger.kafka.name = kafka
logger.kafka.level = info
logger.state.name = state.change.logger
logger.state.level = warn
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.clients.name = org.apache.kafka.clients
logger.clients.level = warn
EOF
  cat >"${KAFKA_DIR}/log4j2-tools.properties" <<'EOF'
status = warn
appender.err.type = Console
appender.err.name = ERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = ERR
EOF
}

# The password of a Kafka user of the local broker, made on first use.
kafka_password() {
  local file="${KAFKA_CREDENTIALS_DIR}/$1"
  if [[ ! -s "${file}" ]]; then
    mkdir -p "${KAFKA_CREDENTIALS_DIR}"
    chmod 700 "${KAFKA_CREDENTIALS_DIR}"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"${file}")
  fi
  cat "${file}"
}

scram_jaas() {
  printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' \
    "$1" "$(kafka_password "$1")"
}

# Client settings of the admin (provisioning) and of the operator, for Java clients
# (--command-config / --consumer.config) and for librdkafka tools such as kcat (kcat -F).
write_kafka_client_configs() {
  local user file
  for user in admin "${KAFKA_OPERATOR}"; do
    file="${KAFKA_DIR}/${user#relance-}.properties"
    (umask 077 && printf '%s\n' \
      "# Generated by deploy/local/up.sh: the ${user} principal of the local broker." \
      "bootstrap.servers=${HOST}:${KAFKA_PORT}" \
      "security.protocol=SASL_PLAINTEXT" \
      "sasl.mechanism=SCRAM-SHA-512" \
      "sasl.jaas.config=$(scram_jaas "${user}")" >"${file}")
  done
  (umask 077 && printf '%s\n' \
    "# Generated by deploy/local/up.sh: kcat -F ${KAFKA_DIR}/operator.kcat.conf -C -t InvoiceIssued -e" \
    "bootstrap.servers=${HOST}:${KAFKA_PORT}" \
    "security.protocol=SASL_PLAINTEXT" \
    "sasl.mechanisms=SCRAM-SHA-512" \
    "sasl.username=${KAFKA_OPERATOR}" \
    "sasl.password=$(kafka_password "${KAFKA_OPERATOR}")" \
    "isolation.level=read_committed" >"${KAFKA_DIR}/operator.kcat.conf")
}

# kcat (Debian's package), which ops people reach for first; installed when missing and root.
ensure_kcat() {
  command -v kcat >/dev/null && return 0
  if ((EUID != 0)); then
    warn "kcat is not installed (apt-get install kcat); deploy/local/kafka-console.sh reads topics too"
    return 0
  fi
  log "installing Debian's kcat package"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends kcat; } >"${LOG_DIR}/apt-kcat.log" 2>&1 \
    || { tail -n 20 "${LOG_DIR}/apt-kcat.log" >&2; die "apt-get install kcat failed"; }
  ok "kcat installed"
}

# Runs one of Kafka's command-line tools (TopicCommand, ConsoleConsumer, ...) or a single-file
# Java program (KafkaProvision.java) on the Kafka classpath, quietly (WARN and above, on stderr).
kafka_tool() {
  local main_class=$1
  shift
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="${KAFKA_DIR}/log4j2-tools.properties" \
    -cp "${KAFKA_CP}" "${main_class}" "$@"
}

# --- PostgreSQL ----------------------------------------------------------------------------

# Debian keeps initdb/pg_ctl in /usr/lib/postgresql/<version>/bin, usually not on the PATH.
find_pg_bin() {
  local dir
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dir="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if [[ -x "${dir}/initdb" && -x "${dir}/psql" ]]; then printf '%s' "${dir}"; return 0; fi
  fi
  dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "${dir}" && -x "${dir}/pg_ctl" && -x "${dir}/initdb" ]]; then printf '%s' "${dir}"; return 0; fi
  return 1
}

# initdb refuses to run as root: as root run PostgreSQL as the postgres OS user, otherwise
# (a developer's own machine) as the current user.
pg_os_user() { if ((EUID == 0)); then printf 'postgres'; else id -un; fi; }
as_pg() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { [[ -n "${PG_BIN:-}" && -f "${PG_DATA}/PG_VERSION" ]] && as_pg "${PG_BIN}/pg_ctl" -D "${PG_DATA}" status >/dev/null 2>&1; }

psql_relance() {
  PGPASSWORD="${PG_PASSWORD}" "${PG_BIN}/psql" -X -q -v ON_ERROR_STOP=1 -h "${HOST}" -p "${PG_PORT}" -U "${PG_USER}" "$@"
}

# --- Keycloak (the local identity provider) ----------------------------------------------------

# The distribution's version is the one of tools/pom.xml (one place to bump it).
KEYCLOAK_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "${RELANCE_LOCAL_DIR}/tools/pom.xml")"
KEYCLOAK_HOME="${KEYCLOAK_DIR}/keycloak-${KEYCLOAK_VERSION}"

# Unzips the Keycloak distribution from Maven Central into the data folder, once.
ensure_keycloak() {
  [[ -f "${KEYCLOAK_HOME}/bin/kc.sh" ]] && return 0
  log "fetching Keycloak ${KEYCLOAK_VERSION} (org.keycloak:keycloak-quarkus-dist, about 160 MB) into ${KEYCLOAK_DIR} (once)"
  mkdir -p "${KEYCLOAK_DIR}"
  "${RELANCE_REPO}/mvnw" -q -B -f "${RELANCE_LOCAL_DIR}/tools/pom.xml" -Dkeycloak.dir="${KEYCLOAK_DIR}" \
    dependency:unpack@keycloak || die "could not fetch Keycloak (mvnw -f deploy/local/tools/pom.xml dependency:unpack@keycloak)"
  [[ -f "${KEYCLOAK_HOME}/bin/kc.sh" ]] || die "Keycloak unpacked but ${KEYCLOAK_HOME}/bin/kc.sh is missing"
  ok "Keycloak in ${KEYCLOAK_HOME}"
}

# Dev mode with its H2 database under the data folder: enough for a local stack. The realm comes
# from deploy/local/keycloak/relance-realm.json on the first start only (its H2 data keeps it
# afterwards: up.sh --fresh imports it again). Same options on every start, or Keycloak rebuilds.
start_keycloak() {
  local pid
  if pid="$(component_pid keycloak)" && port_open "${HOST}" "${KEYCLOAK_PORT}"; then
    ok "keycloak already running (pid ${pid}, ${KEYCLOAK_ISSUER})"
    return 0
  fi
  [[ -z "${pid:-}" ]] || die_with_log keycloak "keycloak (pid ${pid}) is alive but ${HOST}:${KEYCLOAK_PORT} does not answer: run down.sh, then up.sh"
  ensure_keycloak
  ensure_port_free keycloak "${KEYCLOAK_PORT}"
  ensure_port_free keycloak-management "${KEYCLOAK_MANAGEMENT_PORT}"
  mkdir -p "${KEYCLOAK_HOME}/data/import"
  cp "${RELANCE_LOCAL_DIR}/keycloak/relance-realm.json" "${KEYCLOAK_HOME}/data/import/"
  rotate_log keycloak
  log "keycloak: starting (the first start builds and imports the realm: about a minute)"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$(keycloak_admin_password)" \
    JAVA_OPTS_KC_HEAP="-Xms64m -Xmx384m" JAVA_OPTS_APPEND="-Drelance.component=keycloak" \
    start_detached keycloak "${KEYCLOAK_HOME}" \
    bash "${KEYCLOAK_HOME}/bin/kc.sh" start-dev --http-host="${HOST}" --http-port="${KEYCLOAK_PORT}" \
    --http-management-port="${KEYCLOAK_MANAGEMENT_PORT}" --health-enabled=true --import-realm
  wait_for_http_200 keycloak "http://${HOST}:${KEYCLOAK_MANAGEMENT_PORT}/health/ready" 180
  wait_for_http_200 keycloak "${KEYCLOAK_ISSUER}/.well-known/openid-configuration" 30
  ok "keycloak up (pid $(component_pid keycloak), ${KEYCLOAK_ISSUER}; admin console http://${HOST}:${KEYCLOAK_PORT}/admin as admin, password in ${KEYCLOAK_DIR}/admin-password)"
}

# The local admin's password: random, made on first start, kept in the data folder.
keycloak_admin_password() {
  local file="${KEYCLOAK_DIR}/admin-password"
  if [[ ! -s "${file}" ]]; then
    mkdir -p "${KEYCLOAK_DIR}"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"${file}")
  fi
  cat "${file}"
}

# The value of a string field of a JSON document (the first one with that name).
json_field() {
  grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4
}

# A token of the admin of the master realm, for the admin REST API.
keycloak_admin_token() {
  curl -sf -m 10 -d grant_type=password -d client_id=admin-cli -d username=admin \
    --data-urlencode "password=$(keycloak_admin_password)" \
    "http://${HOST}:${KEYCLOAK_PORT}/realms/master/protocol/openid-connect/token" | json_field access_token
}

# keycloak_api METHOD PATH [JSON]: a call of the admin API of the relance realm; prints the body.
keycloak_api() {
  local method=$1 path=$2 body=${3:-}
  local args=(-sf -m 10 -X "${method}" -H "Authorization: Bearer ${KEYCLOAK_ADMIN_TOKEN:?}")
  [[ -z "${body}" ]] || args+=(-H 'Content-Type: application/json' -d "${body}")
  curl "${args[@]}" "http://${HOST}:${KEYCLOAK_PORT}/admin/realms/relance${path}"
}

keycloak_role_json() {
  keycloak_api GET "/roles/$1" | tr -d '\n'
}

# The confidential client erp-<tenant> with a service account holding the erp role, the tenant
# as a hard-coded claim, the audience and the client id (RFC 9068) in its tokens.
keycloak_ensure_erp_client() {
  local tenant=$1 client="erp-$1" id user
  KEYCLOAK_ADMIN_TOKEN="$(keycloak_admin_token)" || die "keycloak: cannot get an admin token"
  [[ -n "${KEYCLOAK_ADMIN_TOKEN}" ]] || die "keycloak: cannot get an admin token"
  if keycloak_api GET "/clients?clientId=${client}" | grep -q '"id"'; then return 0; fi
  keycloak_api POST /clients "$(cat <<JSON
{"clientId":"${client}","name":"ERP of tenant ${tenant}","enabled":true,"publicClient":false,
 "secret":"${client}-local-secret","serviceAccountsEnabled":true,"standardFlowEnabled":false,
 "directAccessGrantsEnabled":false,"protocolMappers":[
 {"name":"audience relance-api","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
  "config":{"included.custom.audience":"relance-api","access.token.claim":"true","id.token.claim":"false"}},
 {"name":"client_id","protocol":"openid-connect","protocolMapper":"oidc-usersessionmodel-note-mapper",
  "config":{"user.session.note":"client_id","claim.name":"client_id","jsonType.label":"String","access.token.claim":"true","id.token.claim":"false"}},
 {"name":"tenant","protocol":"openid-connect","protocolMapper":"oidc-hardcoded-claim-mapper",
  "config":{"claim.name":"tenant","claim.value":"${tenant}","jsonType.label":"String","access.token.claim":"true","id.token.claim":"false","userinfo.token.claim":"false"}}]}
JSON
)" >/dev/null || die "keycloak: could not create the client ${client}"
  id="$(keycloak_api GET "/clients?clientId=${client}" | json_field id)"
  user="$(keycloak_api GET "/clients/${id}/service-account-user" | json_field id)"
  keycloak_api POST "/users/${user}/role-mappings/realm" "[$(keycloak_role_json erp)]" >/dev/null \
    || die "keycloak: could not give the erp role to ${client}"
}

# The user <role>.<tenant> (password "relance") with the role and the tenant attribute.
keycloak_ensure_user() {
  local role=$1 tenant=$2 name="$1.$2" id
  KEYCLOAK_ADMIN_TOKEN="$(keycloak_admin_token)" || die "keycloak: cannot get an admin token"
  [[ -n "${KEYCLOAK_ADMIN_TOKEN}" ]] || die "keycloak: cannot get an admin token"
  if keycloak_api GET "/users?username=${name}&exact=true" | grep -q '"id"'; then return 0; fi
  keycloak_api POST /users "$(cat <<JSON
{"username":"${name}","enabled":true,"email":"${role}@${tenant}.relance.local","emailVerified":true,
 "firstName":"${role}","lastName":"${tenant}","attributes":{"tenant":["${tenant}"]},
 "credentials":[{"type":"password","value":"relance","temporary":false}]}
JSON
)" >/dev/null || die "keycloak: could not create the user ${name}"
  id="$(keycloak_api GET "/users?username=${name}&exact=true" | json_field id)"
  keycloak_api POST "/users/${id}/role-mappings/realm" "[$(keycloak_role_json "${role}")]" >/dev/null \
    || die "keycloak: could not give the ${role} role to ${name}"
}

# keycloak_token GRANT CLIENT SECRET [USERNAME]: prints an access token of the relance realm.
keycloak_token() {
  local grant=$1 client=$2 secret=$3 username=${4:-} answer
  local args=(-s -m 10 -d "grant_type=${grant}" -d "client_id=${client}")
  [[ -z "${secret}" ]] || args+=(-d "client_secret=${secret}")
  [[ -z "${username}" ]] || args+=(-d "username=${username}" -d "password=relance")
  answer="$(curl "${args[@]}" "${KEYCLOAK_ISSUER}/protocol/openid-connect/token")"
  printf '%s' "${answer}" | json_field access_token | grep . || die "keycloak refused the token: ${answer}"
}
