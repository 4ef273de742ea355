package org.relance.litigation.evidence.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.relance.litigation.evidence.persistence.EvidenceRepository;

/** The evidence file of an invoice, from the events the ledger recorded for its tenant. */
@ApplicationScoped
public class EvidenceFiles {

  private final Pool pool;
  private final EvidenceRepository repository;

  public EvidenceFiles(Pool pool, EvidenceRepository repository) {
    this.pool = pool;
    this.repository = repository;
  }

  /** Empty when nothing was recorded about the invoice for this tenant. */
  public Uni<Optional<EvidenceFile>> of(String tenant, String invoiceId) {
    return pool.withConnection(c -> repository.events(c, tenant, invoiceId))
        .map(
            events ->
                events.isEmpty()
                    ? Optional.empty()
                    : Optional.of(EvidenceFile.of(invoiceId, events)));
  }
}
