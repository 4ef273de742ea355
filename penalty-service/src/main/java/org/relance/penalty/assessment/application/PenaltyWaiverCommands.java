package org.relance.penalty.assessment.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.relance.penalty.assessment.domain.PenaltyEvent;
import org.relance.penalty.assessment.domain.PenaltyWaivers;
import org.relance.penalty.assessment.domain.WaivePenalties;
import org.relance.penalty.assessment.persistence.PenaltyCodec;
import org.relance.platform.command.CommandPipeline;
import org.relance.platform.command.CommandPipeline.Decision;
import org.relance.platform.command.CommandPipeline.Loaded;

/**
 * Waives penalties of an invoice's latest statement: the invoice's penalty stream is loaded and
 * folded, {@link PenaltyWaivers} decides, and the {@code PenaltyWaived} is appended at the version
 * read, so two waivers racing cannot both waive the same amount.
 */
@ApplicationScoped
public class PenaltyWaiverCommands {

  private final CommandPipeline pipeline;
  private final MeterRegistry registry;

  public PenaltyWaiverCommands(CommandPipeline pipeline, MeterRegistry registry) {
    this.pipeline = pipeline;
    this.registry = registry;
  }

  /** The waiver as recorded (its event's data). */
  public Uni<ObjectNode> waive(WaivePenalties command) {
    return pipeline
        .run(
            new CommandPipeline.Command<PenaltyWaivers.State, ObjectNode>() {
              @Override
              public Uni<Loaded<PenaltyWaivers.State>> load(SqlConnection tx) {
                return pipeline.loadStream(
                    tx,
                    command.invoiceId(),
                    PenaltyCodec::recorded,
                    PenaltyWaivers.State.initial(command.tenant()),
                    PenaltyWaivers::evolve);
              }

              @Override
              public Decision<ObjectNode> decide(PenaltyWaivers.State state) {
                PenaltyEvent.Waived waived = PenaltyWaivers.decide(command, state);
                return new Decision<>(
                    List.of(
                        PenaltyCodec.waived(
                            waived, command.tenant(), state.lastAssessed().eventId())),
                    PenaltyCodec.toData(waived));
              }
            })
        .invoke(
            waived ->
                registry
                    .counter("relance.penalty.waivers", "scope", command.scope().name())
                    .increment());
  }
}
