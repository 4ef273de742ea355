package org.relance.dunning.cases.application;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.contracts.personal.PersonalFields;
import org.relance.dunning.cases.persistence.DunningCodec;

/**
 * How dunning's views show what an erased data subject's personal values were: the string {@code
 * "erased"} where a value stood (for an object or a list too), never a guess. The notes, reasons
 * and proofs the case keeps already read {@code "erased"} ({@link DunningCodec#ERASED}); the events
 * read back and the work list's contact cards only say that their values are gone, and are filled
 * in here.
 */
public final class ErasedValues {

  private static final List<String> CONTACT_CARD = List.of("/phone", "/email", "/contacts");

  private ErasedValues() {}

  /**
   * An event's data as a view shows it: the platform's one rule, {@link PersonalDataSeal#asShown}.
   */
  public static JsonNode data(CloudEvent event) {
    return PersonalDataSeal.asShown(event);
  }

  /**
   * A call task's contact card as the work list shows it: once the debtor was erased, its phone,
   * email and contacts read {@code "erased"}.
   */
  public static JsonNode contact(JsonNode card) {
    if (!(card instanceof ObjectNode object)
        || PersonalDataSeal.disclosure(card) != PersonalDataSeal.Disclosure.ERASED) {
      return card;
    }
    ObjectNode shown = object.deepCopy();
    shown.remove(PersonalFields.BLOCK);
    CONTACT_CARD.forEach(pointer -> fill(shown, pointer));
    return shown;
  }

  private static void fill(ObjectNode root, String pointer) {
    JsonPointer at = JsonPointer.compile(pointer);
    String field = at.last().getMatchingProperty();
    if (root.at(at.head()) instanceof ObjectNode parent && !parent.has(field)) {
      parent.put(field, DunningCodec.ERASED);
    }
  }
}
