package org.relance.litigation.evidence.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.contracts.personal.PersonalFields;
import org.relance.litigation.evidence.persistence.EvidenceRepository;
import org.relance.platform.personal.PersonalData;

/**
 * Everything Relance holds on a data subject (a debtor), for its right of access: the ledger has
 * every event every service published, so it is the one place that can answer. The state of the
 * subject's keys, its invoices, each personal value of each event (in the clear while the key
 * exists, {@code "erased"} once it is erased) and the erasures recorded.
 */
@ApplicationScoped
public class DataSubjectExports {

  /** The keys of the subject: {@code active} or {@code erased}, and the erasure if any. */
  public record Keys(
      String status, OffsetDateTime erasedAt, String erasedBy, String reason, int generations) {}

  /** The personal values one event holds, by JSON pointer into its data. */
  public record PersonalValues(
      String eventId, String type, String invoiceId, String businessDate, ObjectNode values) {}

  /** What Relance holds on the subject. */
  public record Export(
      String subjectId,
      String tenant,
      Keys keys,
      List<String> invoices,
      List<PersonalValues> personalData,
      List<JsonNode> erasures) {}

  private final Pool pool;
  private final EvidenceRepository repository;
  private final PersonalData personal;

  public DataSubjectExports(Pool pool, EvidenceRepository repository, PersonalData personal) {
    this.pool = pool;
    this.repository = repository;
    this.personal = personal;
  }

  /** Empty when the ledger knows nothing of the subject for this tenant and it has no key. */
  public Uni<Optional<Export>> of(String tenant, String subjectId) {
    return pool.withConnection(
            c ->
                repository
                    .invoicesOf(c, tenant, subjectId)
                    .flatMap(
                        invoices ->
                            repository
                                .eventsAbout(c, tenant, subjectId, invoices)
                                .flatMap(events -> EvidenceFiles.openEach(personal, events))
                                .flatMap(
                                    events ->
                                        repository
                                            .eventsOfType(
                                                c,
                                                tenant,
                                                EventType.PERSONAL_DATA_ERASED.typeName(),
                                                tenant + "/" + subjectId)
                                            .map(
                                                erasures ->
                                                    new Export(
                                                        subjectId,
                                                        tenant,
                                                        null,
                                                        invoices,
                                                        personalData(subjectId, events),
                                                        erasures.stream()
                                                            .map(CloudEvent::data)
                                                            .toList())))))
        .flatMap(
            export ->
                keys(tenant, subjectId)
                    .map(
                        keys ->
                            export.invoices().isEmpty()
                                    && export.personalData().isEmpty()
                                    && export.erasures().isEmpty()
                                    && keys.generations() == 0
                                ? Optional.<Export>empty()
                                : Optional.of(
                                    new Export(
                                        export.subjectId(),
                                        export.tenant(),
                                        keys,
                                        export.invoices(),
                                        export.personalData(),
                                        export.erasures()))));
  }

  private Uni<Keys> keys(String tenant, String subjectId) {
    if (!personal.keys().granted()) {
      return Uni.createFrom().item(new Keys("unknown", null, null, null, 0));
    }
    return personal
        .keys()
        .status(tenant, subjectId)
        .map(
            s ->
                new Keys(
                    s.erased() ? "erased" : "active",
                    s.erasedAt().orElse(null),
                    s.erasedBy().orElse(null),
                    s.erasureReason().orElse(null),
                    s.generations()));
  }

  /**
   * The personal values of the subject's events: those sealed under its key, and those of its
   * invoices' events published in the clear (before their type was sealed).
   */
  static List<PersonalValues> personalData(String subjectId, List<CloudEvent> opened) {
    return opened.stream()
        .filter(e -> PersonalFields.any(e.eventType()))
        // an event of the subject's invoice published in the clear names no subject
        .filter(e -> PersonalDataSeal.subject(e).map(subjectId::equals).orElse(true))
        .map(
            e ->
                new PersonalValues(
                    e.id(),
                    e.type(),
                    e.subject(),
                    e.businessdate(),
                    PersonalDataSeal.values(
                        e.eventType(), org.relance.contracts.personal.PersonalDataSeal.asShown(e))))
        .filter(v -> !v.values().isEmpty())
        .toList();
  }
}
