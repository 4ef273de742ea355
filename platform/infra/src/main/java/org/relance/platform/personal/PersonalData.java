package org.relance.platform.personal;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.InvalidEventException;
import org.relance.contracts.personal.PersonalDataSeal;

/**
 * Opens sealed events for the services granted the keys ({@link SubjectKeys}): the event store
 * opens what it reads back, the consumer what it hands to a handler. A service without the grant
 * gets the events as they are (sealed). What is stored, hashed and published is always the sealed
 * event; an opened one is a view for this process only.
 */
@ApplicationScoped
public class PersonalData {

  private final SubjectKeys keys;

  public PersonalData(SubjectKeys keys) {
    this.keys = keys;
  }

  public SubjectKeys keys() {
    return keys;
  }

  /**
   * The event with its personal values back (disclosure {@code clear}), marked {@code erased} when
   * the subject's key is gone, or unchanged when it has nothing sealed or this service has no
   * grant. A ciphertext the subject's key does not open is a forged or damaged event: {@link
   * InvalidEventException}.
   */
  public Uni<CloudEvent> open(CloudEvent event) {
    if (!keys.granted()
        || PersonalDataSeal.disclosure(event) != PersonalDataSeal.Disclosure.SEALED) {
      return Uni.createFrom().item(event);
    }
    PersonalDataSeal.Block block = PersonalDataSeal.block(event.data()).orElseThrow();
    if (block.subject().isEmpty() || block.generation() < 1 || block.ciphertext().isEmpty()) {
      // without this, a block stripped of its generation would read as an erased subject
      return Uni.createFrom()
          .failure(
              new InvalidEventException(
                  "the personal block of "
                      + event.type()
                      + " "
                      + event.id()
                      + " names no subject, generation or ciphertext: forged or damaged"));
    }
    return attempt(event, block, true);
  }

  /**
   * Opens with the subject's key; a key cached before another instance rotated it lacks the newer
   * key, so a first failure evicts the cache and tries once more with the stored keyset.
   */
  private Uni<CloudEvent> attempt(
      CloudEvent event, PersonalDataSeal.Block block, boolean retryWithStoredKey) {
    return keys.forReading(event.tenant(), block.subject(), block.generation())
        .flatMap(
            key -> {
              if (key.isEmpty()) {
                return Uni.createFrom().item(PersonalDataSeal.erased(event));
              }
              try {
                return Uni.createFrom().item(PersonalDataSeal.open(event, key.get()));
              } catch (GeneralSecurityException | RuntimeException e) {
                if (retryWithStoredKey) {
                  keys.evict(event.tenant(), block.subject());
                  return attempt(event, block, false);
                }
                // a wrong tag, but also a ciphertext that is not base64 or opens to values that
                // are not the type's personal fields: the record itself is wrong (poison), it is
                // never worth a retry
                return Uni.createFrom()
                    .failure(
                        new InvalidEventException(
                            "the personal data of "
                                + event.type()
                                + " "
                                + event.id()
                                + " does not open with its subject's key: forged or damaged"));
              }
            });
  }

  /** {@link #open} of each event, in order; one key lookup per subject. */
  public Uni<List<CloudEvent>> openAll(List<CloudEvent> events) {
    if (!keys.granted()
        || events.stream()
            .noneMatch(e -> PersonalDataSeal.disclosure(e) == PersonalDataSeal.Disclosure.SEALED)) {
      return Uni.createFrom().item(events);
    }
    Uni<List<CloudEvent>> opened = Uni.createFrom().item(new ArrayList<>());
    for (CloudEvent event : events) {
      opened = opened.flatMap(list -> open(event).map(o -> add(list, o)));
    }
    return opened;
  }

  /**
   * The current key of each subject, for sealing (see {@code EventStore.append}); made on first
   * use.
   */
  public Uni<Map<String, SubjectKeys.Key>> keysForWriting(String tenant, List<String> subjects) {
    Uni<Map<String, SubjectKeys.Key>> all = Uni.createFrom().item(new LinkedHashMap<>());
    for (String subject : subjects.stream().distinct().toList()) {
      all =
          all.flatMap(
              map ->
                  keys.forWriting(tenant, subject)
                      .map(
                          key -> {
                            map.put(subject, key);
                            return map;
                          }));
    }
    return all;
  }

  private static List<CloudEvent> add(List<CloudEvent> list, CloudEvent event) {
    list.add(event);
    return list;
  }
}
