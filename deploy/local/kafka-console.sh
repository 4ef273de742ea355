#!/usr/bin/env bash
# Prints the records of a topic of the local broker, with their keys (invoice id for invoice
# events), e.g.:  deploy/local/kafka-console.sh InvoiceIssued --from-beginning
# Any further option is passed to Kafka's console consumer (e.g. --max-messages 5,
# --property print.partition=true). Ctrl-C to stop.
# It reads with --isolation-level read_committed, as the services do: the relays publish in Kafka
# transactions, and records of aborted transactions (which stay in the log) are never shown.
# Pass --isolation-level read_uncommitted to see them anyway.
# It reads as the operator principal (.relance/kafka/operator.properties, read-only ACLs), in a
# consumer group of the operator's prefix. kcat works too:
#   kcat -F .relance/kafka/operator.kcat.conf -C -t InvoiceIssued -e
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -lt 1 || "$1" == -* ]]; then
  printf 'usage: %s <topic> [--from-beginning] [console consumer options...]\n' "$0" >&2
  exit 2
fi
topic=$1
shift

compgen -G "${TOOLS_DIR}/kafka/kafka-tools-*.jar" >/dev/null || die "Kafka tools not fetched yet: run deploy/local/up.sh --infra-only"
port_open "${HOST}" "${KAFKA_PORT}" || die "no broker on ${HOST}:${KAFKA_PORT}: run deploy/local/up.sh --infra-only"
[[ -f "${KAFKA_DIR}/log4j2-tools.properties" ]] || write_kafka_log4j_configs
[[ -f "${KAFKA_DIR}/operator.properties" ]] || die "no ${KAFKA_DIR}/operator.properties: run deploy/local/up.sh"

isolation=(--isolation-level read_committed)
for arg in "$@"; do
  if [[ "${arg}" == --isolation-level || "${arg}" == --isolation-level=* ]]; then
    isolation=()
  fi
done

exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Dlog4j2.configurationFile="${KAFKA_DIR}/log4j2-tools.properties" \
  -cp "${KAFKA_CP}" org.apache.kafka.tools.consumer.ConsoleConsumer \
  --bootstrap-server "${HOST}:${KAFKA_PORT}" --topic "${topic}" \
  --consumer.config "${KAFKA_DIR}/operator.properties" --group "relance-operator-console-$$" \
  --property print.key=true --property key.separator=' | ' \
  --property print.timestamp=true \
  ${isolation[@]+"${isolation[@]}"} \
  "$@"
