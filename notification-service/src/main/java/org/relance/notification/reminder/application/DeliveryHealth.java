package org.relance.notification.reminder.application;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.relance.notification.reminder.persistence.Dispatches;

/**
 * Part of the {@code pipeline} health group: DOWN while a dispatch is in doubt (an operator must
 * resend it or mark it sent) or the SMTP server failed a hand-off in the last five minutes.
 */
@HealthGroup("pipeline")
@ApplicationScoped
public class DeliveryHealth implements AsyncHealthCheck {

  private static final Duration RECENT = Duration.ofMinutes(5);

  private final Dispatches dispatches;
  private final ReminderDelivery delivery;

  public DeliveryHealth(Dispatches dispatches, ReminderDelivery delivery) {
    this.dispatches = dispatches;
    this.delivery = delivery;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return dispatches
        .refreshInDoubt()
        .ifNoItem()
        .after(Duration.ofSeconds(5))
        .fail()
        .onFailure()
        .recoverWithItem(dispatches.inDoubtCount())
        .map(
            inDoubt -> {
              var smtp = delivery.lastSmtpFailure(RECENT);
              var b =
                  HealthCheckResponse.named("delivery")
                      .withData("dispatchesInDoubt", inDoubt)
                      .status(inDoubt == 0 && smtp.isEmpty());
              smtp.ifPresent(s -> b.withData("smtpFailure", s));
              return b.build();
            });
  }
}
