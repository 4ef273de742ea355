package org.relance.platform.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Amounts sent as JSON numbers are read as {@link java.math.BigDecimal}, never through a double, so
 * "1200.10" and 1200.10 mean the same amount to the cent.
 */
@Singleton
public class JsonNumbers implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }
}
