package org.relance.contracts.personal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;

/**
 * How personal values travel in an event's data (schema version 2 of the types {@link
 * PersonalFields} names): the producer removes every non-null personal value from the data and puts
 * them, as one JSON object keyed by their JSON pointers, AES-256-GCM encrypted under the data
 * subject's key, in the block {@code personal}:
 *
 * <pre>{"personal": {"subject": "D-1042", "generation": 1, "ciphertext": "AV…"}}</pre>
 *
 * The ciphertext is Tink's AEAD output (a 5-byte key prefix, the 12-byte nonce, the ciphertext, the
 * 16-byte tag), base64. Its associated data binds it to the tenant, the type, the event id and the
 * subject, so a ciphertext cannot be moved into another event. The hash chain covers the data as
 * sealed, so it verifies whether the key still exists or not.
 *
 * <p>A reader "opens" a sealed event into the view the contract records describe (the version 1
 * shape): the values put back at their pointers and the block marked {@code "disclosure": "clear"};
 * or, once the key is erased, the block marked {@code "erased"} and the values left out. An opened
 * event is a view: it is never hashed, stored or published. Version 1 data (personal values in the
 * clear, written before version 2) is already the opened shape.
 */
public final class PersonalDataSeal {

  /** What a reader holds of an event's personal values. */
  public enum Disclosure {
    /** The data has no personal value (or is version 1 data, clear by construction). */
    NONE,
    /** Opened: the values are back in the data. */
    CLEAR,
    /** The subject's key was erased: the values are gone for good. */
    ERASED,
    /** Still encrypted: this reader has no grant to the keys. */
    SEALED
  }

  /** The encrypted block as it travels. */
  public record Block(String subject, int generation, String ciphertext) {}

  private static final String DISCLOSURE = "disclosure";

  /** What every view shows in place of an erased personal value (or object, or list). */
  public static final String ERASED = "erased";

  private PersonalDataSeal() {}

  /** The values of the type's personal fields present (non-null) in {@code data}, by pointer. */
  public static ObjectNode values(EventType type, JsonNode data) {
    ObjectNode values = Json.object();
    for (String pointer : PersonalFields.of(type)) {
      JsonNode value = data.at(pointer);
      if (!value.isMissingNode() && !value.isNull()) {
        values.set(pointer, value.deepCopy());
      }
    }
    return values;
  }

  /** The data subject named by the data itself ({@code /debtor/id}), if the type has one. */
  public static Optional<String> subjectIn(EventType type, JsonNode data) {
    return PersonalFields.subjectPointer(type)
        .map(data::at)
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText);
  }

  /** Whether the data holds any personal value to seal. */
  public static boolean hasPersonalValues(EventType type, JsonNode data) {
    return !values(type, data).isEmpty();
  }

  /**
   * The data as it is stored and published: the personal values encrypted into the block. Data
   * without a personal value is returned unchanged (no block).
   */
  public static ObjectNode seal(
      EventType type,
      ObjectNode clear,
      String tenant,
      String eventId,
      String subject,
      int generation,
      Aead aead) {
    ObjectNode values = values(type, clear);
    if (values.isEmpty()) {
      return clear;
    }
    ObjectNode sealed = clear.deepCopy();
    for (String pointer : PersonalFields.of(type)) {
      JsonNode value = sealed.at(pointer);
      if (!value.isMissingNode() && !value.isNull()) {
        parent(sealed, pointer).remove(last(pointer));
      }
    }
    byte[] ciphertext;
    try {
      ciphertext =
          aead.encrypt(
              CanonicalJson.canonicalize(values), associatedData(tenant, type, eventId, subject));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not encrypt the personal data of " + eventId, e);
    }
    ObjectNode block = sealed.putObject(PersonalFields.BLOCK);
    block.put("subject", subject);
    block.put("generation", generation);
    block.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
    return sealed;
  }

  /**
   * The opened view of an event this process sealed itself from {@code clear}: no decryption
   * needed.
   */
  public static CloudEvent openedFrom(CloudEvent sealed, JsonNode clear) {
    if (block(sealed.data()).isEmpty()) {
      return sealed;
    }
    ObjectNode data = clear.deepCopy();
    ObjectNode block = ((ObjectNode) sealed.data().get(PersonalFields.BLOCK)).deepCopy();
    block.put(DISCLOSURE, "clear");
    data.set(PersonalFields.BLOCK, block);
    return sealed.withData(data);
  }

  /** The encrypted block of a sealed event's data, if it has one. */
  public static Optional<Block> block(JsonNode data) {
    JsonNode block = data == null ? null : data.get(PersonalFields.BLOCK);
    if (block == null || !block.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new Block(
            block.path("subject").asText(),
            block.path("generation").asInt(),
            block.path("ciphertext").asText()));
  }

  /** The data subject of an event's personal values, whether they are sealed or opened. */
  public static Optional<String> subject(CloudEvent event) {
    return block(event.data()).map(Block::subject);
  }

  /**
   * The opened view of a sealed event: the values back at their pointers. A key that does not open
   * the ciphertext is a fault ({@link GeneralSecurityException}), never an erasure.
   */
  public static CloudEvent open(CloudEvent sealed, Aead aead) throws GeneralSecurityException {
    Block block = block(sealed.data()).orElseThrow();
    EventType type = sealed.eventType();
    byte[] clear =
        aead.decrypt(
            Base64.getDecoder().decode(block.ciphertext()),
            associatedData(sealed.tenant(), type, sealed.id(), block.subject()));
    JsonNode values = Json.parse(new String(clear, StandardCharsets.UTF_8));
    ObjectNode data = ((ObjectNode) sealed.data()).deepCopy();
    values
        .fields()
        .forEachRemaining(
            entry -> {
              if (!PersonalFields.of(type).contains(entry.getKey())) {
                throw new IllegalStateException(
                    entry.getKey() + " is not a personal field of " + type.typeName());
              }
              parent(data, entry.getKey()).set(last(entry.getKey()), entry.getValue());
            });
    ((ObjectNode) data.get(PersonalFields.BLOCK)).put(DISCLOSURE, "clear");
    return sealed.withData(data);
  }

  /** The view of a sealed event whose subject's key was erased: the block says so. */
  public static CloudEvent erased(CloudEvent sealed) {
    ObjectNode data = ((ObjectNode) sealed.data()).deepCopy();
    ObjectNode block = (ObjectNode) data.get(PersonalFields.BLOCK);
    block.remove("ciphertext");
    block.put(DISCLOSURE, "erased");
    return sealed.withData(data);
  }

  /**
   * The event's data as a view shows it: unchanged unless the subject's key was erased; then {@link
   * #ERASED} at each personal field of the type not written as null (whether an absent field had a
   * value cannot be known any more, and need not be). The one rule for every view, evidence file
   * and export.
   */
  public static JsonNode asShown(CloudEvent opened) {
    if (disclosure(opened) != Disclosure.ERASED || !(opened.data() instanceof ObjectNode data)) {
      return opened.data();
    }
    ObjectNode shown = data.deepCopy();
    for (String pointer : PersonalFields.of(opened.eventType())) {
      JsonPointer at = JsonPointer.compile(pointer);
      String field = at.last().getMatchingProperty();
      if (shown.at(at.head()) instanceof ObjectNode parent && !parent.has(field)) {
        parent.put(field, ERASED);
      }
    }
    return shown;
  }

  /** What the event's data holds of its personal values. */
  public static Disclosure disclosure(JsonNode data) {
    JsonNode block = data == null ? null : data.get(PersonalFields.BLOCK);
    if (block == null || !block.isObject()) {
      return Disclosure.NONE;
    }
    return switch (block.path(DISCLOSURE).asText("")) {
      case "clear" -> Disclosure.CLEAR;
      case "erased" -> Disclosure.ERASED;
      default -> Disclosure.SEALED;
    };
  }

  public static Disclosure disclosure(CloudEvent event) {
    return disclosure(event.data());
  }

  /**
   * What the ciphertext is bound to: the version of this format, the tenant, the type, the event id
   * and the subject.
   */
  public static byte[] associatedData(
      String tenant, EventType type, String eventId, String subject) {
    return String.join("|", "relance-personal-data-v2", tenant, type.typeName(), eventId, subject)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What a subject's stored keyset is bound to when the key-encryption key wraps it: it opens only
   * as the key of its own tenant, subject and generation.
   */
  public static byte[] keyWrappingContext(String tenant, String subject, int generation) {
    return String.join("|", "relance-subject-key", tenant, subject, Integer.toString(generation))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode parent(ObjectNode root, String pointer) {
    JsonNode parent = root.at(JsonPointer.compile(pointer).head());
    if (!parent.isObject()) {
      throw new IllegalStateException("no object holds " + pointer);
    }
    return (ObjectNode) parent;
  }

  private static String last(String pointer) {
    return JsonPointer.compile(pointer).last().getMatchingProperty();
  }
}
