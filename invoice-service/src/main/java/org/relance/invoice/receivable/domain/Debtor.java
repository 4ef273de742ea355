package org.relance.invoice.receivable.domain;

import java.util.List;

/**
 * The customer who owes the invoice, as the ERP knows it, with what dunning needs to reach them and
 * to choose their plan (segment tags).
 *
 * @param legalId SIREN/SIRET, VAT or company number, if known
 * @param contactErased the debtor's contact data (email, phone, address, contacts) was erased at
 *     its request or at the end of retention: those fields are gone for good, not merely unknown
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
    List<String> segments,
    boolean contactErased) {

  /** A debtor whose contact data is known (not erased). */
  public Debtor(
      String id,
      String name,
      String legalId,
      String email,
      String phone,
      String language,
      Address address,
      List<Contact> contacts,
      List<String> segments) {
    this(id, name, legalId, email, phone, language, address, contacts, segments, false);
  }

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
