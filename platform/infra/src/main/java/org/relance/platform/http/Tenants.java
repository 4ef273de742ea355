package org.relance.platform.http;

import java.util.List;
import org.relance.platform.security.Caller;

/**
 * A tenant named in a path by an operator (whose token carries no tenant); a tenant role's tenant
 * comes from its token ({@link Caller#tenant()}).
 */
public final class Tenants {

  private Tenants() {}

  /** The tenant id of a path, or a 400 naming the {@code tenant} field. */
  public static String check(String tenant) {
    if (!Caller.isTenantId(tenant)) {
      throw ProblemException.invalid(
          List.of(
              new Problem.FieldError(
                  "tenant",
                  "must be lowercase letters, digits and dashes (1 to 63), not a UUID, got '"
                      + tenant
                      + "'")));
    }
    // A tenant's clock stream is keyed by the tenant, invoices by their UUID: keep them apart.
    if (tenant.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      throw ProblemException.invalid(
          List.of(new Problem.FieldError("tenant", "must not be a UUID")));
    }
    return tenant;
  }
}
