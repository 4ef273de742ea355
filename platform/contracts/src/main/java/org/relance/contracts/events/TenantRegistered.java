package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An operator registered a tenant, with the creditor's identity. Key: tenant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantRegistered(
    String tenant,
    String legalName,
    String legalId,
    String vatNumber,
    TenantAddress address,
    String country,
    String timeZone,
    String language,
    Signatory signatory,
    String contactEmail,
    String registeredBy)
    implements EventData {}
