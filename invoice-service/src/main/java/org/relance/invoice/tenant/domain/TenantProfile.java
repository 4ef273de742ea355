package org.relance.invoice.tenant.domain;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tenant's profile: the creditor's identity, which letters, the formal notice and court files
 * quote. The static checks are the rules a profile must satisfy beyond each field's presence.
 *
 * @param vatNumber the intra-EU VAT number, if the creditor has one
 */
public record TenantProfile(
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

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  public TenantProfile {
    if (tenant == null) {
      throw new IllegalArgumentException("a profile names its tenant");
    }
  }

  /** The creditor's postal address, printed on letters. */
  public record Address(List<String> lines, String postalCode, String city, String country) {
    public Address {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }
  }

  /** Who signs the letters and the formal notice. */
  public record Signatory(String name, String title) {}

  /** An ISO 3166-1 alpha-2 country code. */
  public static boolean isCountry(String code) {
    return COUNTRIES.contains(code);
  }

  /** An ISO 639-1 language code. */
  public static boolean isLanguage(String code) {
    return LANGUAGES.contains(code);
  }

  /** An intra-EU VAT number: a country prefix and 2 to 14 characters. */
  public static boolean isVatNumber(String text) {
    return text.matches("[A-Z]{2}[A-Za-z0-9+*.]{2,14}");
  }

  /** An IANA time zone the JDK knows. */
  public static boolean isTimeZone(String text) {
    try {
      ZoneId.of(text);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** Looks like an email address (one @, a dot in the domain, no spaces). */
  public static boolean isEmail(String text) {
    return text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  }

  /** A French creditor's legal id is its SIREN: the rule legalId must satisfy for country FR. */
  public static boolean isLegalIdOf(String country, String legalId) {
    return !"FR".equals(country) || siren(legalId);
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
