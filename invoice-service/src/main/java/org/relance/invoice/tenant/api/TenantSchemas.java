package org.relance.invoice.tenant.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request bodies of the tenant endpoints, as their OpenAPI document shows them. */
final class TenantSchemas {

  private TenantSchemas() {}

  @Schema(description = "The creditor's postal address, printed on letters")
  record Address(
      @Schema(required = true, maxItems = 100) List<String> lines,
      @Schema(required = true, maxLength = 20) String postalCode,
      @Schema(required = true, maxLength = 200) String city,
      @Schema(required = true, pattern = "^[A-Z]{2}$") String country) {}

  @Schema(description = "Who signs the letters and the formal notice")
  record Signatory(
      @Schema(required = true, maxLength = 200) String name,
      @Schema(required = true, maxLength = 200) String title) {}

  @Schema(description = "A new tenant: its id and the creditor's identity")
  record Registration(
      @Schema(required = true, pattern = "^[a-z0-9-]{1,63}$") String tenant,
      @Schema(required = true, maxLength = 200) String legalName,
      @Schema(required = true, maxLength = 40, description = "SIREN for a French creditor")
          String legalId,
      @Schema(maxLength = 16) String vatNumber,
      @Schema(required = true) Address address,
      @Schema(required = true, pattern = "^[A-Z]{2}$") String country,
      @Schema(required = true, example = "Europe/Paris") String timeZone,
      @Schema(required = true, pattern = "^[a-z]{2}$") String language,
      @Schema(required = true) Signatory signatory,
      @Schema(required = true, maxLength = 254) String contactEmail) {}

  @Schema(description = "A tenant's whole new identity (its id is the path's)")
  record Profile(
      @Schema(required = true, maxLength = 200) String legalName,
      @Schema(required = true, maxLength = 40) String legalId,
      @Schema(maxLength = 16) String vatNumber,
      @Schema(required = true) Address address,
      @Schema(required = true, pattern = "^[A-Z]{2}$") String country,
      @Schema(required = true) String timeZone,
      @Schema(required = true, pattern = "^[a-z]{2}$") String language,
      @Schema(required = true) Signatory signatory,
      @Schema(required = true, maxLength = 254) String contactEmail) {}
}
