package org.relance.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). We rely on Samuel Erdtman's implementation (the one
 * the RFC's author lists) rather than our own, because the hard part, ECMAScript number
 * serialisation, is easy to get subtly wrong.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  public static byte[] canonicalize(JsonNode node) {
    return canonicalize(Json.write(node));
  }

  public static byte[] canonicalize(String json) {
    try {
      return new JsonCanonicalizer(json).getEncodedUTF8();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String canonicalString(JsonNode node) {
    try {
      return new JsonCanonicalizer(Json.write(node)).getEncodedString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
