package org.relance.invoice.receivable.domain;

import java.util.List;

/**
 * The customer who owes the invoice, as the ERP knows it, with what dunning needs to reach them and
 * to choose their plan (segment tags).
 *
 * @param legalId SIREN/SIRET, VAT or company number, if known
 */
public record Debtor(
    String id,
    String name,
    String legalId,
    String email,
    String phone,
    String language,
    Address address,
    List<Contact> contacts,
    List<String> segments) {

  public Debtor {
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  public record Address(List<String> lines, String postalCode, String city, String country) {
    public Address {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }
  }

  public record Contact(String name, String email, String phone, String role) {}
}
