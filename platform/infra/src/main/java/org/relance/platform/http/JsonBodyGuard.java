package org.relance.platform.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks every JSON request body before it is read, whatever endpoint it goes to, and refuses what
 * no field of any Relance API accepts: a body over {@code relance.http.max-body-bytes} (413), and
 * (400, naming the field) duplicate keys, numbers in exponent notation or longer than {@value
 * #MAX_NUMBER_CHARS} characters, strings longer than {@value #MAX_STRING_CHARS} characters or
 * holding control characters (tab, line feed and carriage return excepted), nesting deeper than
 * {@value #MAX_DEPTH}. Per-field limits (a name is at most 200 characters) are the {@link Fields}
 * reader's.
 *
 * <p>Doing it on the raw tokens keeps the number's text: once Jackson has built a node, {@code 1e3}
 * and {@code 1000} cannot be told apart, and {@code 1e1000000000} is a valid {@code BigDecimal}
 * that no amount can be.
 */
@Provider
public class JsonBodyGuard implements ReaderInterceptor {

  /** The longest free text of any request (notes, reasons). */
  public static final int MAX_STRING_CHARS = 2_000;

  static final int MAX_NUMBER_CHARS = 40;
  static final int MAX_DEPTH = 16;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(MAX_NUMBER_CHARS)
                  .build())
          .build();

  private final int maxBytes;

  public JsonBodyGuard(
      @ConfigProperty(name = "relance.http.max-body-bytes", defaultValue = "65536") int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type == null || !type.getSubtype().endsWith("json")) {
      return context.proceed();
    }
    byte[] body = readAtMost(context.getInputStream(), maxBytes);
    if (body == null) {
      throw new ProblemException(
          new Problem(
              "urn:relance:problem:body-too-large",
              "Request body too large",
              413,
              "the body is larger than " + maxBytes + " bytes; nothing was stored",
              null,
              null));
    }
    List<Problem.FieldError> faults = faults(body);
    if (!faults.isEmpty()) {
      throw ProblemException.invalid(faults);
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }

  /** The whole stream, or null when it is longer than {@code max} bytes. */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] bytes = in.readNBytes(max + 1);
    return bytes.length > max ? null : bytes;
  }

  /** What is wrong with a body whatever endpoint it is for; empty when nothing is. */
  public static List<Problem.FieldError> faults(byte[] body) {
    List<Problem.FieldError> faults = new ArrayList<>();
    if (body.length == 0) {
      return faults;
    }
    try (JsonParser parser = FACTORY.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
            String text = parser.getText();
            if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
              faults.add(
                  new Problem.FieldError(
                      path(parser),
                      "must be a plain decimal number without an exponent, got " + text));
            }
          }
          case VALUE_STRING, FIELD_NAME -> {
            String text = parser.getText();
            String field = path(parser);
            if (text.length() > MAX_STRING_CHARS) {
              faults.add(
                  new Problem.FieldError(
                      field,
                      (token == JsonToken.FIELD_NAME ? "name" : "text")
                          + " is longer than "
                          + MAX_STRING_CHARS
                          + " characters ("
                          + text.length()
                          + ")"));
            }
            int bad = firstControlCharacter(text);
            if (bad >= 0) {
              faults.add(
                  new Problem.FieldError(
                      field,
                      String.format(
                          "holds a control character or a lone surrogate (U+%04X at position %d)",
                          (int) text.charAt(bad), bad)));
            }
          }
          default -> {}
        }
      }
    } catch (JsonParseException e) {
      faults.add(new Problem.FieldError(location(e), "unreadable JSON: " + e.getOriginalMessage()));
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      faults.add(new Problem.FieldError("body", e.getOriginalMessage()));
    } catch (IOException e) {
      faults.add(new Problem.FieldError("body", "unreadable JSON: " + e.getMessage()));
    }
    return faults;
  }

  /**
   * Index of the first C0 or C1 control character other than tab, line feed and carriage return, or
   * of a lone surrogate; -1 when there is none.
   */
  static int firstControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
        return i;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String location(JsonParseException e) {
    return e.getProcessor() == null ? "body" : path(e.getProcessor());
  }

  /** The JSON path of the current token as the {@link Fields} reader names fields. */
  static String path(JsonParser parser) {
    var context = parser.getParsingContext();
    String pointer = context.pathAsPointer().toString();
    if (pointer.isEmpty()) {
      return "body";
    }
    StringBuilder path = new StringBuilder();
    for (String part : pointer.substring(1).split("/", -1)) {
      String name = part.replace("~1", "/").replace("~0", "~");
      if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && path.length() > 0) {
        path.append('[').append(name).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(name);
      }
    }
    return path.toString();
  }
}
