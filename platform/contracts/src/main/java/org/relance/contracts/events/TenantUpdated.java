package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An operator changed a tenant's identity; data is the whole new profile. Key: tenant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantUpdated(
    String tenant,
    String legalName,
    String legalId,
    // a creditor without a VAT number says so with an explicit null, as invoice-service wrote it
    @JsonInclude(JsonInclude.Include.ALWAYS) String vatNumber,
    TenantAddress address,
    String country,
    String timeZone,
    String language,
    Signatory signatory,
    String contactEmail,
    String updatedBy)
    implements EventData {}
