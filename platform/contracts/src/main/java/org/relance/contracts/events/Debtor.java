package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Debtor(
    String id,
    String name,
    String legalId,
    String email,
    String phone,
    String language,
    Address address,
    List<Contact> contacts,
    List<String> segments) {}
