package org.relance.notification.reminder.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a letter goes: the addressee and the debtor's postal address, as the ERP gave it. The
 * country line is left out for France, since the creditor writes from France and La Poste asks for
 * no country line on domestic mail.
 */
public record PostalAddress(
    String addressee, List<String> lines, String postalCode, String city, String country) {

  public PostalAddress {
    lines =
        lines == null
            ? List.of()
            : lines.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
  }

  /** Whether a letter could find its way: at least a street line or a town. */
  public boolean isDeliverable() {
    return !lines.isEmpty() || !blank(city);
  }

  /** The address block of a letter, one line each: addressee, street lines, town, country. */
  public List<String> block() {
    List<String> block = new ArrayList<>();
    block.add(addressee);
    block.addAll(lines);
    String town =
        ((blank(postalCode) ? "" : postalCode.strip()) + " " + (blank(city) ? "" : city.strip()))
            .strip();
    if (!town.isEmpty()) {
      block.add(town);
    }
    if (!blank(country) && !isFrance(country)) {
      block.add(country.strip().toUpperCase(Locale.ROOT));
    }
    return block;
  }

  /** The block on one line, as a proof's recipient or a mail header. */
  public String oneLine() {
    return block().stream().collect(Collectors.joining(", "));
  }

  private static boolean isFrance(String country) {
    String c = country.strip().toUpperCase(Locale.ROOT);
    return c.equals("FR") || c.equals("FRA") || c.equals("FRANCE");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
