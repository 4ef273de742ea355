package org.relance.invoice.tenant.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.relance.invoice.tenant.domain.TenantProfile;
import org.relance.platform.http.Fields;
import org.relance.platform.security.Caller;

/** Reads a tenant's profile from a request body, naming every bad field at once. */
final class TenantRequests {

  private TenantRequests() {}

  /**
   * The profile of a request, for the tenant named in the path ({@code null} when the body names
   * it, on registration).
   */
  static TenantProfile profile(JsonNode body, String pathTenant) {
    Fields f = new Fields(body);
    String tenant = pathTenant;
    if (tenant == null) {
      tenant = f.text("tenant", true);
      if (tenant != null && !Caller.isTenantId(tenant)) {
        f.fault("tenant", "must be lowercase letters, digits and dashes (1 to 63), not a UUID");
      }
    } else if (f.present("tenant") && !pathTenant.equals(body.path("tenant").asText())) {
      f.fault("tenant", "must be the tenant of the path, " + pathTenant + ", or absent");
    }
    String legalName = f.text("legalName", true);
    String country = f.text("country", true, 2);
    if (country != null && !TenantProfile.isCountry(country)) {
      f.fault("country", "must be an ISO 3166-1 alpha-2 code such as FR");
    }
    String legalId = f.text("legalId", true, 40);
    if (legalId != null && !TenantProfile.isLegalIdOf(country, legalId)) {
      f.fault("legalId", "must be a SIREN: 9 digits with a valid check digit");
    }
    String vat = f.text("vatNumber", false, 16);
    if (vat != null && !TenantProfile.isVatNumber(vat)) {
      f.fault("vatNumber", "must be an intra-EU VAT number such as FR40552100554");
    }
    Fields a = f.object("address", true);
    var lines = a.texts("lines");
    if (!a.present("lines")) {
      a.fault("lines", "is required");
    } else if (lines.isEmpty() && body.path("address").path("lines").isEmpty()) {
      a.fault("lines", "must have at least one line");
    }
    String postalCode = a.text("postalCode", true, 20);
    String city = a.text("city", true);
    String addressCountry = a.text("country", true, 2);
    if (addressCountry != null && !TenantProfile.isCountry(addressCountry)) {
      a.fault("country", "must be an ISO 3166-1 alpha-2 code such as FR");
    }
    String zone = f.text("timeZone", true, 64);
    if (zone != null && !TenantProfile.isTimeZone(zone)) {
      f.fault("timeZone", "must be an IANA time zone such as Europe/Paris");
    }
    String language = f.text("language", true, 2);
    if (language != null && !TenantProfile.isLanguage(language)) {
      f.fault("language", "must be an ISO 639-1 code such as fr");
    }
    Fields s = f.object("signatory", true);
    String signatoryName = s.text("name", true);
    String signatoryTitle = s.text("title", true);
    String email = f.email("contactEmail", true);
    if (email != null && !TenantProfile.isEmail(email)) {
      f.fault("contactEmail", "is not an email address");
    }
    f.throwIfInvalid();
    return new TenantProfile(
        tenant,
        legalName,
        legalId,
        vat,
        new TenantProfile.Address(lines, postalCode, city, addressCountry),
        country,
        zone,
        language,
        new TenantProfile.Signatory(signatoryName, signatoryTitle),
        email);
  }
}
