package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** who signs the letters and the formal notice */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signatory(String name, String title) {}
