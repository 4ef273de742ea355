package org.relance.invoice.tenant.api;

import java.util.List;
import org.relance.invoice.tenant.domain.TenantProfile;

/**
 * A tenant's profile as the API answers it: the fields of TenantRegistered without the operator,
 * with {@code vatNumber} null when the creditor has none.
 */
public record TenantView(
    String tenant,
    String legalName,
    String legalId,
    String vatNumber,
    Address address,
    String country,
    String timeZone,
    String language,
    Signatory signatory,
    String contactEmail) {

  public record Address(List<String> lines, String postalCode, String city, String country) {}

  public record Signatory(String name, String title) {}

  static TenantView of(TenantProfile p) {
    return new TenantView(
        p.tenant(),
        p.legalName(),
        p.legalId(),
        p.vatNumber(),
        p.address() == null
            ? null
            : new Address(
                p.address().lines(),
                p.address().postalCode(),
                p.address().city(),
                p.address().country()),
        p.country(),
        p.timeZone(),
        p.language(),
        p.signatory() == null ? null : new Signatory(p.signatory().name(), p.signatory().title()),
        p.contactEmail());
  }
}
