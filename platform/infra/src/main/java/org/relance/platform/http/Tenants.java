package org.relance.platform.http;

import java.util.List;

/** The tenant of a request, from the {@value #HEADER} header, until authentication carries it. */
public final class Tenants {

  public static final String HEADER = "X-Relance-Tenant";
  public static final String DEFAULT = "default";

  private Tenants() {}

  public static String resolve(String header) {
    if (header == null || header.isBlank()) {
      return DEFAULT;
    }
    if (!header.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw ProblemException.invalid(
          List.of(
              new Problem.FieldError(
                  HEADER,
                  "must be lowercase letters, digits and dashes (at most 63), got '"
                      + header
                      + "'")));
    }
    // A tenant's clock stream is keyed by the tenant, invoices by their UUID: keep them apart.
    if (header.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      throw ProblemException.invalid(List.of(new Problem.FieldError(HEADER, "must not be a UUID")));
    }
    return header;
  }
}
