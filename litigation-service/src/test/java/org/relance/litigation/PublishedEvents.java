package org.relance.litigation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.platform.personal.SubjectKeys;

/**
 * Events as the producing services publish them today: personal values sealed under the data
 * subject's key ({@code /debtor/id}), the current schema version, a hash chain per producer and
 * subject. {@code FakeProducer} sends them.
 */
final class PublishedEvents {

  private final SubjectKeys keys;
  private final Map<String, CloudEvent> heads = new HashMap<>();

  PublishedEvents(SubjectKeys keys) {
    this.keys = keys;
  }

  /** The next event of the stream (the type's producer, subject), sealed and hashed. */
  CloudEvent next(
      EventType type, String subject, String tenant, LocalDate businessDate, ObjectNode data) {
    String id = UUID.randomUUID().toString();
    ObjectNode published = data;
    var debtor = PersonalDataSeal.subjectIn(type, data);
    if (PersonalDataSeal.hasPersonalValues(type, data)) {
      SubjectKeys.Key key =
          keys.forWriting(tenant, debtor.orElseThrow()).await().atMost(Duration.ofSeconds(10));
      published =
          PersonalDataSeal.seal(type, data, tenant, id, debtor.get(), key.generation(), key.aead());
    }
    String stream = type.producer() + "|" + subject;
    CloudEvent head = heads.get(stream);
    CloudEvent event =
        HashChain.seal(
            new CloudEvent(
                CloudEvent.SPEC_VERSION,
                id,
                type.typeName(),
                type.producer(),
                subject,
                CloudEvent.formatTime(Instant.now()),
                CloudEvent.DATA_CONTENT_TYPE,
                type.dataschema(),
                tenant,
                businessDate.toString(),
                Long.toString(head == null ? 1 : head.sequenceNumber() + 1),
                subject,
                null,
                head == null ? HashChain.GENESIS : head.hash(),
                null,
                published));
    heads.put(stream, event);
    return event;
  }
}
