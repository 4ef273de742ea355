package org.relance.dunning.calendar.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.relance.dunning.calendar.domain.BusinessCalendar;

/**
 * The creditor's country of each tenant, whose weekends and public holidays hold reminders back:
 * {@code relance.dunning.calendar.country.<tenant>}, else {@code relance.dunning.calendar.country}.
 */
@ApplicationScoped
public class CreditorCountries {

  private final Config config;
  private final String fallback;

  public CreditorCountries(
      Config config,
      @ConfigProperty(name = "relance.dunning.calendar.country", defaultValue = "FR")
          String fallback) {
    this.config = config;
    this.fallback = fallback;
  }

  public String of(String tenant) {
    return config
        .getOptionalValue("relance.dunning.calendar.country." + tenant, String.class)
        .orElse(fallback);
  }

  /** The business calendar of the tenant's country. */
  public BusinessCalendar calendar(String tenant) {
    return Holidays.of(of(tenant));
  }
}
