package org.relance.invoice.tenant.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.Json;
import org.relance.contracts.events.EventData;
import org.relance.contracts.events.Signatory;
import org.relance.contracts.events.TenantAddress;
import org.relance.contracts.events.TenantRegistered;
import org.relance.contracts.events.TenantUpdated;
import org.relance.invoice.tenant.domain.TenantEvent;
import org.relance.invoice.tenant.domain.TenantProfile;

/** Maps a tenant's domain events to TenantRegistered and TenantUpdated, and back. */
public final class TenantCodec {

  private TenantCodec() {}

  public static EventData toRecord(TenantEvent event) {
    TenantProfile p = event.profile();
    TenantAddress address =
        new TenantAddress(
            p.address().lines(),
            p.address().postalCode(),
            p.address().city(),
            p.address().country());
    Signatory signatory = new Signatory(p.signatory().name(), p.signatory().title());
    if (event instanceof TenantEvent.Registered registered) {
      return new TenantRegistered(
          p.tenant(),
          p.legalName(),
          p.legalId(),
          p.vatNumber(),
          address,
          p.country(),
          p.timeZone(),
          p.language(),
          signatory,
          p.contactEmail(),
          registered.by());
    }
    TenantEvent.Updated updated = (TenantEvent.Updated) event;
    return new TenantUpdated(
        p.tenant(),
        p.legalName(),
        p.legalId(),
        p.vatNumber(),
        address,
        p.country(),
        p.timeZone(),
        p.language(),
        signatory,
        p.contactEmail(),
        updated.by());
  }

  public static TenantEvent fromCloudEvent(CloudEvent event) {
    EventData data = EventCodec.read(event);
    if (data instanceof TenantRegistered r) {
      return new TenantEvent.Registered(
          profile(
              r.tenant(),
              r.legalName(),
              r.legalId(),
              r.vatNumber(),
              r.address(),
              r.country(),
              r.timeZone(),
              r.language(),
              r.signatory(),
              r.contactEmail()),
          r.registeredBy());
    }
    if (data instanceof TenantUpdated u) {
      return new TenantEvent.Updated(
          profile(
              u.tenant(),
              u.legalName(),
              u.legalId(),
              u.vatNumber(),
              u.address(),
              u.country(),
              u.timeZone(),
              u.language(),
              u.signatory(),
              u.contactEmail()),
          u.updatedBy());
    }
    throw new IllegalArgumentException("not a tenant event: " + event.type());
  }

  /**
   * A profile as the platform's tenant directory keeps it: the data of the tenant's last event
   * without the operator who recorded it.
   */
  public static TenantProfile fromDirectory(JsonNode stored) {
    TenantUpdated u = Json.convert(stored, TenantUpdated.class);
    return profile(
        u.tenant(),
        u.legalName(),
        u.legalId(),
        u.vatNumber(),
        u.address(),
        u.country(),
        u.timeZone(),
        u.language(),
        u.signatory(),
        u.contactEmail());
  }

  private static TenantProfile profile(
      String tenant,
      String legalName,
      String legalId,
      String vatNumber,
      TenantAddress address,
      String country,
      String timeZone,
      String language,
      Signatory signatory,
      String contactEmail) {
    return new TenantProfile(
        tenant,
        legalName,
        legalId,
        vatNumber,
        address == null
            ? null
            : new TenantProfile.Address(
                address.lines(), address.postalCode(), address.city(), address.country()),
        country,
        timeZone,
        language,
        signatory == null ? null : new TenantProfile.Signatory(signatory.name(), signatory.title()),
        contactEmail);
  }
}
