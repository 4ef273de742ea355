package org.relance.platform.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.relay.Relay;

/**
 * The {@code pipeline} health group ({@code /q/health/group/pipeline}): whether events flow, as
 * distinct from readiness, which is only whether this instance can serve its API (its database).
 * DOWN when the relay is stopped at an event Kafka refuses or keeps failing (broker unreachable), a
 * Kafka channel has failed, a record waits for a transient failure, or a business day is blocked by
 * a dead-lettered fact; the data says which, and how many dead letters are open (they have their
 * own alert: a dead letter that blocks nothing does not stop the pipeline).
 */
@HealthGroup("pipeline")
@ApplicationScoped
public class PipelineHealth implements AsyncHealthCheck {

  private final Relay relay;
  private final IdempotentConsumer consumer;
  private final Instance<HealthCenter> channels;

  public PipelineHealth(Relay relay, IdempotentConsumer consumer, Instance<HealthCenter> channels) {
    this.relay = relay;
    this.consumer = consumer;
    this.channels = channels;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return consumer
        .countOpenDeadLetters()
        .ifNoItem()
        .after(Duration.ofSeconds(5))
        .fail()
        .map(open -> response(Long.toString(open)))
        .onFailure()
        .recoverWithItem(e -> response("unknown: database unreachable"));
  }

  private HealthCheckResponse response(String openDeadLetters) {
    HealthCheckResponseBuilder b = HealthCheckResponse.named("pipeline");
    boolean up = true;
    b.withData("deadLettersOpen", openDeadLetters);
    if (relay.enabled()) {
      b.withData("relayBacklog", relay.backlog());
      b.withData("relayLastSuccess", relay.lastSuccess().toString());
      var stuck = relay.stuck();
      if (stuck.isPresent()) {
        up = false;
        b.withData(
            "relayStuck",
            "event "
                + stuck.get().eventId()
                + " ("
                + stuck.get().type()
                + " on "
                + stuck.get().topic()
                + ") refused since "
                + stuck.get().since()
                + ": "
                + stuck.get().reason());
      }
      var failing = relay.failing();
      if (failing.isPresent()) {
        up = false;
        b.withData("relayFailing", failing.get());
      }
    }
    if (consumer.retrying() > 0) {
      up = false;
      b.withData("consumerRetrying", consumer.retrying());
      consumer.lastTransientFailure().ifPresent(m -> b.withData("consumerWaitsFor", m));
    }
    var blocked = consumer.blockedTenants();
    if (!blocked.isEmpty()) {
      up = false;
      b.withData("daysBlockedForTenants", String.join(",", blocked));
    }
    if (channels.isResolvable()) {
      var liveness = channels.get().getLiveness();
      for (var channel : liveness.getChannels()) {
        if (!channel.isOk()) {
          up = false;
          b.withData(
              "channel." + channel.getChannel(),
              channel.getMessage() == null ? "DOWN" : channel.getMessage());
        }
      }
    }
    return b.status(up).build();
  }
}
