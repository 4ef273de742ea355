package org.relance.invoice.personal.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.relance.contracts.events.PersonalDataErased;
import org.relance.invoice.clock.persistence.ClockRepository;
import org.relance.invoice.personal.domain.Claim;
import org.relance.invoice.personal.domain.ErasureRules;
import org.relance.invoice.personal.persistence.ErasureRecords;
import org.relance.invoice.personal.persistence.SubjectClaims;
import org.relance.platform.personal.SubjectKeys;

/**
 * The retention job: which data subjects of a tenant should be erased because the limitation period
 * of every one of their claims has ended on the tenant's business date ({@link
 * ErasureRules#proposal}), and whose keys are not erased yet. It proposes, an operator erases: the
 * proposals are an endpoint and, once a day, a gauge per tenant ({@value #GAUGE}), logged as counts
 * only.
 */
@ApplicationScoped
public class RetentionProposals {

  /** The gauge of how many subjects await erasure, tagged with the tenant. */
  public static final String GAUGE = "relance.personal.data.erasure.proposals";

  private static final Logger LOG = Logger.getLogger(RetentionProposals.class);

  /** The proposals of a tenant on its business date. */
  public record Proposals(String tenant, LocalDate asOf, List<ErasureRules.Proposal> proposals) {}

  private final Pool pool;
  private final SubjectClaims claims;
  private final ErasureRecords records;
  private final ClockRepository clock;
  private final SubjectKeys keys;
  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

  public RetentionProposals(
      Pool pool,
      SubjectClaims claims,
      ErasureRecords records,
      ClockRepository clock,
      SubjectKeys keys,
      MeterRegistry registry) {
    this.pool = pool;
    this.claims = claims;
    this.records = records;
    this.clock = clock;
    this.keys = keys;
    this.registry = registry;
  }

  /** The tenant's subjects whose retention has ended and whose keys still exist. */
  public Uni<Proposals> of(String tenant) {
    return pool.withConnection(
            c ->
                claims
                    .byDebtor(c, tenant)
                    .flatMap(
                        byDebtor ->
                            clock
                                .today(c, tenant)
                                .flatMap(
                                    today ->
                                        records
                                            .latestOf(c, tenant)
                                            .map(
                                                latest ->
                                                    candidates(byDebtor, today, latest, tenant)))))
        .flatMap(this::notErased);
  }

  private static Proposals candidates(
      Map<String, List<Claim>> byDebtor,
      LocalDate today,
      Map<String, PersonalDataErased> latest,
      String tenant) {
    List<ErasureRules.Proposal> found = new ArrayList<>();
    byDebtor.forEach(
        (subject, subjectClaims) -> {
          PersonalDataErased last = latest.get(subject);
          boolean recorded =
              last != null
                  && new HashSet<>(last.invoices())
                      .containsAll(subjectClaims.stream().map(Claim::invoiceId).toList());
          if (!recorded) {
            ErasureRules.proposal(subject, subjectClaims, today).ifPresent(found::add);
          }
        });
    return new Proposals(tenant, today, found);
  }

  /** Leaves out the subjects whose keys were erased already (the record may still be missing). */
  private Uni<Proposals> notErased(Proposals candidates) {
    Uni<List<ErasureRules.Proposal>> kept = Uni.createFrom().item(new ArrayList<>());
    for (ErasureRules.Proposal p : candidates.proposals()) {
      kept =
          kept.flatMap(
              list ->
                  keys.status(candidates.tenant(), p.subjectId())
                      .map(
                          status -> {
                            if (!status.erased()) {
                              list.add(p);
                            }
                            return list;
                          }));
    }
    return kept.map(list -> new Proposals(candidates.tenant(), candidates.asOf(), list));
  }

  /** Once a day: each tenant's count of proposals into the gauge, and into the log. */
  @Scheduled(
      every = "${relance.personal-data.proposals.every:24h}",
      delayed = "${relance.personal-data.proposals.delay:2m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public Uni<Void> count() {
    if (!keys.granted()) {
      return Uni.createFrom().voidItem();
    }
    return pool.withConnection(claims::tenants)
        .flatMap(
            tenants -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (String tenant : tenants) {
                chain =
                    chain.flatMap(
                        v ->
                            of(tenant)
                                .invoke(
                                    found -> {
                                      int count = found.proposals().size();
                                      gauge(tenant).set(count);
                                      // the tenant and a count: no subject, no personal value
                                      LOG.infof(
                                          "retention: %d data subject(s) of tenant %s proposed"
                                              + " for erasure on %s",
                                          count, tenant, found.asOf());
                                    })
                                .replaceWithVoid());
              }
              return chain;
            });
  }

  private AtomicInteger gauge(String tenant) {
    return gauges.computeIfAbsent(
        tenant, t -> registry.gauge(GAUGE, Tags.of("tenant", t), new AtomicInteger()));
  }
}
