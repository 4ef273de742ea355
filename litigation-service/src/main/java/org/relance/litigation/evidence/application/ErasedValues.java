package org.relance.litigation.evidence.application;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.contracts.personal.PersonalFields;

/**
 * What a view shows where a personal value was erased: the string {@code "erased"}, in place of the
 * value (or of the object) the data subject's erased key no longer opens. The ledger keeps every
 * event as published (sealed); only the views change.
 */
public final class ErasedValues {

  /** The marker a view shows in place of an erased personal value. */
  public static final String ERASED = "erased";

  private ErasedValues() {}

  /**
   * The event's data as a view shows it: opened values as they are; when the subject's key was
   * erased, {@code "erased"} at each personal field of the type.
   */
  public static JsonNode data(CloudEvent opened) {
    if (PersonalDataSeal.disclosure(opened) != PersonalDataSeal.Disclosure.ERASED) {
      return opened.data();
    }
    ObjectNode data = ((ObjectNode) opened.data()).deepCopy();
    for (String pointer : PersonalFields.of(opened.eventType())) {
      JsonPointer p = JsonPointer.compile(pointer);
      JsonNode value = data.at(p);
      if (value.isMissingNode() && data.at(p.head()) instanceof ObjectNode parent) {
        parent.put(p.last().getMatchingProperty(), ERASED);
      }
    }
    return data;
  }
}
