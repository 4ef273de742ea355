package org.relance.invoice.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import org.relance.contracts.Json;
import org.relance.platform.http.Fields;
import org.relance.platform.security.Caller;

/**
 * Reads a tenant's profile (the creditor's identity) from a request, naming every bad field at
 * once, into the data of TenantRegistered and TenantUpdated.
 */
final class TenantProfile {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  private TenantProfile() {}

  /**
   * The profile of a request, for the tenant named in the path ({@code null} when the body names
   * it, on registration).
   */
  static ObjectNode read(JsonNode body, String pathTenant) {
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
    if (country != null && !COUNTRIES.contains(country)) {
      f.fault("country", "must be an ISO 3166-1 alpha-2 code such as FR");
    }
    String legalId = f.text("legalId", true, 40);
    if (legalId != null && "FR".equals(country) && !siren(legalId)) {
      f.fault("legalId", "must be a SIREN: 9 digits with a valid check digit");
    }
    String vat = f.text("vatNumber", false, 16);
    if (vat != null && !vat.matches("[A-Z]{2}[A-Za-z0-9+*.]{2,14}")) {
      f.fault("vatNumber", "must be an intra-EU VAT number such as FR40552100554");
    }
    Fields a = f.object("address", true);
    ObjectNode address = Json.object();
    {
      var lines = a.texts("lines");
      if (!a.present("lines")) {
        a.fault("lines", "is required");
      } else if (lines.isEmpty() && body.path("address").path("lines").isEmpty()) {
        a.fault("lines", "must have at least one line");
      }
      address.set("lines", Json.mapper().valueToTree(lines));
      address.put("postalCode", a.text("postalCode", true, 20));
      address.put("city", a.text("city", true));
      String addressCountry = a.text("country", true, 2);
      if (addressCountry != null && !COUNTRIES.contains(addressCountry)) {
        a.fault("country", "must be an ISO 3166-1 alpha-2 code such as FR");
      }
      address.put("country", addressCountry);
    }
    String zone = f.text("timeZone", true, 64);
    if (zone != null) {
      try {
        ZoneId.of(zone);
      } catch (java.time.DateTimeException e) {
        f.fault("timeZone", "must be an IANA time zone such as Europe/Paris");
      }
    }
    String language = f.text("language", true, 2);
    if (language != null && !LANGUAGES.contains(language)) {
      f.fault("language", "must be an ISO 639-1 code such as fr");
    }
    Fields s = f.object("signatory", true);
    ObjectNode signatory = Json.object();
    {
      signatory.put("name", s.text("name", true));
      signatory.put("title", s.text("title", true));
    }
    String email = f.email("contactEmail", true);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      f.fault("contactEmail", "is not an email address");
    }
    f.throwIfInvalid();
    ObjectNode profile = Json.object();
    profile.put("tenant", tenant);
    profile.put("legalName", legalName);
    profile.put("legalId", legalId);
    if (vat != null) {
      profile.put("vatNumber", vat);
    } else {
      profile.putNull("vatNumber");
    }
    profile.set("address", address);
    profile.put("country", country);
    profile.put("timeZone", zone);
    profile.put("language", language);
    profile.set("signatory", signatory);
    profile.put("contactEmail", email);
    return profile;
  }

  /** A SIREN: nine digits whose Luhn sum is a multiple of ten. */
  static boolean siren(String text) {
    if (!text.matches("[0-9]{9}")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      int d = text.charAt(8 - i) - '0';
      if (i % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }
}
