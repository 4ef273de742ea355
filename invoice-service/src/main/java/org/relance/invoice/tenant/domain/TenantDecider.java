package org.relance.invoice.tenant.domain;

import java.util.List;
import java.util.Optional;
import org.relance.contracts.Refusal;

/** The decisions on a tenant's registration: pure functions of its current profile. */
public final class TenantDecider {

  private TenantDecider() {}

  /**
   * Registers a tenant once.
   *
   * @param current its profile if it is registered already
   */
  public static TenantEvent.Registered register(
      Optional<TenantProfile> current, TenantProfile profile, String operator) {
    if (current.isPresent()) {
      throw alreadyRegistered(profile.tenant());
    }
    return new TenantEvent.Registered(profile, operator);
  }

  /** Replaces a registered tenant's profile; the same profile again changes nothing. */
  public static List<TenantEvent> update(
      Optional<TenantProfile> current, TenantProfile profile, String operator) {
    if (current.isEmpty()) {
      throw Refusal.notFound("no tenant " + profile.tenant());
    }
    if (current.get().equals(profile)) {
      return List.of();
    }
    return List.of(new TenantEvent.Updated(profile, operator));
  }

  public static Refusal alreadyRegistered(String tenant) {
    return Refusal.conflict("tenant " + tenant + " is already registered");
  }
}
