package org.relance.invoice.invoice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;
import org.relance.invoice.invoice.domain.DisputeCategory;
import org.relance.invoice.invoice.domain.DisputeOutcome;

/** The OpenAPI document lists exactly the values the API accepts. */
class RequestSchemasTest {

  @Test
  void the_documented_dispute_categories_and_outcomes_are_the_accepted_ones() throws Exception {
    assertThat(enumeration(RequestSchemas.OpenDispute.class, "category"))
        .containsExactly(names(DisputeCategory.values()));
    assertThat(enumeration(RequestSchemas.ResolveDispute.class, "outcome"))
        .containsExactly(names(DisputeOutcome.values()));
  }

  private static String[] enumeration(Class<?> record, String field) throws Exception {
    return record.getDeclaredField(field).getAnnotation(Schema.class).enumeration();
  }

  private static String[] names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
  }
}
