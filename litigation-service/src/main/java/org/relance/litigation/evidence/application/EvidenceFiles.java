package org.relance.litigation.evidence.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.InvalidEventException;
import org.relance.litigation.evidence.persistence.EvidenceRepository;
import org.relance.platform.personal.PersonalData;

/**
 * The evidence file of an invoice, from the events the ledger recorded for its tenant: the chains
 * are verified over the events as published (sealed), the data is shown opened.
 */
@ApplicationScoped
public class EvidenceFiles {

  /**
   * An evidence file and the data of each of its events as shown: personal values in the clear
   * while the data subject's key exists, {@code "erased"} in their place once it is erased.
   *
   * @param data in the order of {@code file.events()}
   */
  public record Shown(EvidenceFile file, List<JsonNode> data) {}

  private final Pool pool;
  private final EvidenceRepository repository;
  private final PersonalData personal;

  public EvidenceFiles(Pool pool, EvidenceRepository repository, PersonalData personal) {
    this.pool = pool;
    this.repository = repository;
    this.personal = personal;
  }

  /** Empty when nothing was recorded about the invoice for this tenant. */
  public Uni<Optional<Shown>> of(String tenant, String invoiceId) {
    return pool.withConnection(c -> repository.events(c, tenant, invoiceId))
        .flatMap(
            events -> {
              if (events.isEmpty()) {
                return Uni.createFrom().item(Optional.<Shown>empty());
              }
              EvidenceFile file = EvidenceFile.of(invoiceId, events);
              return openEach(personal, file.events())
                  .map(
                      opened ->
                          Optional.of(
                              new Shown(
                                  file,
                                  opened.stream()
                                      .map(org.relance.contracts.personal.PersonalDataSeal::asShown)
                                      .toList())));
            });
  }

  /** Each event opened, in order (see {@link #opened}). */
  static Uni<List<CloudEvent>> openEach(PersonalData personal, List<CloudEvent> events) {
    Uni<List<CloudEvent>> all = Uni.createFrom().item(new ArrayList<>());
    for (CloudEvent event : events) {
      all =
          all.flatMap(
              list ->
                  opened(personal, event)
                      .map(
                          o -> {
                            list.add(o);
                            return list;
                          }));
    }
    return all;
  }

  /**
   * The event opened; as published (sealed) when its ciphertext does not open with its subject's
   * key: a forged or damaged event, which its chain names, must not hide the rest of the file.
   */
  private static Uni<CloudEvent> opened(PersonalData personal, CloudEvent event) {
    return personal.open(event).onFailure(InvalidEventException.class).recoverWithItem(event);
  }
}
