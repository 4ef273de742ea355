package org.relance.invoice.tenant.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.events.EventData;
import org.relance.invoice.clock.application.ClockCommands;
import org.relance.invoice.tenant.domain.TenantDecider;
import org.relance.invoice.tenant.domain.TenantEvent;
import org.relance.invoice.tenant.domain.TenantProfile;
import org.relance.invoice.tenant.persistence.TenantCodec;
import org.relance.platform.command.CommandPipeline;
import org.relance.platform.command.CommandPipeline.Decision;
import org.relance.platform.command.CommandPipeline.Loaded;
import org.relance.platform.eventstore.DuplicateEventException;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.security.TenantDirectory;

/**
 * Registers tenants and changes their profiles (TenantRegistered, then TenantUpdated), dated by the
 * tenant's business clock. The platform's tenant directory is the read model, updated in the same
 * transaction as the append.
 */
@ApplicationScoped
public class TenantCommands {

  /** The commands on a tenant's registration, made by an operator. */
  public sealed interface TenantCommand {
    TenantProfile profile();

    String operator();

    record Register(TenantProfile profile, String operator) implements TenantCommand {}

    record Update(TenantProfile profile, String operator) implements TenantCommand {}
  }

  private final Pool pool;
  private final EventStore store;
  private final CommandPipeline pipeline;
  private final TenantDirectory directory;
  private final ClockCommands clock;

  public TenantCommands(
      Pool pool,
      EventStore store,
      CommandPipeline pipeline,
      TenantDirectory directory,
      ClockCommands clock) {
    this.pool = pool;
    this.store = store;
    this.pipeline = pipeline;
    this.directory = directory;
    this.clock = clock;
  }

  /** Runs the command; answers the profile now registered. */
  public Uni<TenantProfile> handle(TenantCommand command) {
    String tenant = command.profile().tenant();
    Uni<TenantProfile> done =
        clock
            .today(tenant)
            .flatMap(today -> pipeline.run(new OnTenant(command, today)))
            .replaceWith(command.profile());
    if (command instanceof TenantCommand.Register) {
      // one registration per tenant, even when two race: its event id derives from the tenant, and
      // the store keeps one
      return done.onFailure(DuplicateEventException.class)
          .transform(e -> TenantDecider.alreadyRegistered(tenant));
    }
    return done;
  }

  /** Every registered tenant's profile, by tenant id, as the directory keeps it. */
  public Uni<List<TenantProfile>> list() {
    return pool.withConnection(
        c ->
            directory
                .profiles(c)
                .map(all -> all.stream().map(TenantCodec::fromDirectory).toList()));
  }

  /** A tenant's profile as the directory keeps it, if the tenant is registered. */
  public Uni<Optional<JsonNode>> profile(String tenant) {
    return pool.withConnection(c -> directory.profile(c, tenant));
  }

  /** One command through the pipeline: the directory's profile is the state decided on. */
  private final class OnTenant implements CommandPipeline.Command<Optional<TenantProfile>, Void> {

    private final TenantCommand command;
    private final LocalDate today;

    OnTenant(TenantCommand command, LocalDate today) {
      this.command = command;
      this.today = today;
    }

    @Override
    public Uni<Loaded<Optional<TenantProfile>>> load(SqlConnection tx) {
      String tenant = command.profile().tenant();
      // the tenant's stream also carries its clock's ticks: a tenant event appends at any version
      return directory
          .profile(tx, tenant)
          .map(
              stored ->
                  new Loaded<>(
                      tenant, EventStore.ANY_VERSION, stored.map(TenantCodec::fromDirectory)));
    }

    @Override
    public Decision<Void> decide(Optional<TenantProfile> current) {
      String tenant = command.profile().tenant();
      List<PendingEvent> events = new ArrayList<>();
      if (command instanceof TenantCommand.Register register) {
        TenantEvent event =
            TenantDecider.register(current, register.profile(), register.operator());
        events.add(pending(PendingEvent.deterministicId("TenantRegistered|" + tenant), event));
      } else {
        for (TenantEvent event :
            TenantDecider.update(current, command.profile(), command.operator())) {
          events.add(pending(UUID.randomUUID(), event));
        }
      }
      return new Decision<>(events, null);
    }

    private PendingEvent pending(UUID id, TenantEvent event) {
      String tenant = event.profile().tenant();
      EventData data = TenantCodec.toRecord(event);
      return new PendingEvent(id, EventCodec.typeOf(data), tenant, data, tenant, today, null, null);
    }

    @Override
    public Uni<Void> project(
        SqlConnection tx,
        Loaded<Optional<TenantProfile>> loaded,
        Decision<Void> decision,
        List<CloudEvent> appended) {
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (CloudEvent e : appended) {
        chain = chain.flatMap(v -> directory.apply(tx, e));
      }
      return chain;
    }
  }
}
