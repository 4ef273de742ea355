package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(List<String> lines, String postalCode, String city, String country) {}
