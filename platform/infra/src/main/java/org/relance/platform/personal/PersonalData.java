package org.relance.platform.personal;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
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

  /**
   * {@link #open} of each event, in order: one key lookup per subject and generation, then each
   * event opened in memory. (Not one {@code Uni} per event chained in turn: a rebuild reads
   * thousands of events, and a chain that long overflows the stack.) An event the looked-up key
   * does not open goes through {@link #open} again on its own, which retries with the stored
   * keyset.
   */
  public Uni<List<CloudEvent>> openAll(List<CloudEvent> events) {
    if (!keys.granted()
        || events.stream()
            .noneMatch(e -> PersonalDataSeal.disclosure(e) == PersonalDataSeal.Disclosure.SEALED)) {
      return Uni.createFrom().item(events);
    }
    java.util.Set<KeyRef> refs = new java.util.LinkedHashSet<>();
    for (CloudEvent event : events) {
      KeyRef.of(event).filter(KeyRef::valid).ifPresent(refs::add);
    }
    return Multi.createFrom()
        .iterable(refs)
        .onItem()
        .transformToUniAndConcatenate(
            ref ->
                keys.forReading(ref.tenant(), ref.subject(), ref.generation())
                    .map(key -> Map.entry(ref, key)))
        .collect()
        .asMap(Map.Entry::getKey, Map.Entry::getValue)
        .flatMap(
            found -> {
              List<CloudEvent> opened = new ArrayList<>(events.size());
              List<Integer> again = new ArrayList<>();
              for (CloudEvent event : events) {
                java.util.Optional<KeyRef> ref = KeyRef.of(event);
                if (ref.isEmpty()) {
                  opened.add(event);
                } else if (!ref.get().valid()) {
                  again.add(opened.size());
                  opened.add(event);
                } else if (found.get(ref.get()).isEmpty()) {
                  opened.add(PersonalDataSeal.erased(event));
                } else {
                  try {
                    opened.add(PersonalDataSeal.open(event, found.get(ref.get()).get()));
                  } catch (GeneralSecurityException | RuntimeException e) {
                    again.add(opened.size());
                    opened.add(event);
                  }
                }
              }
              if (again.isEmpty()) {
                return Uni.createFrom().item(opened);
              }
              return Multi.createFrom()
                  .iterable(again)
                  .onItem()
                  .transformToUniAndConcatenate(
                      i -> open(opened.get(i)).invoke(o -> opened.set(i, o)))
                  .collect()
                  .last()
                  .replaceWith(opened);
            });
  }

  /**
   * The current key of each subject, for sealing (see {@code EventStore.append}); made on first
   * use.
   */
  public Uni<Map<String, SubjectKeys.Key>> keysForWriting(String tenant, List<String> subjects) {
    return Multi.createFrom()
        .iterable(subjects.stream().distinct().toList())
        .onItem()
        .transformToUniAndConcatenate(
            subject -> keys.forWriting(tenant, subject).map(key -> Map.entry(subject, key)))
        .collect()
        .asMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Which key opens a sealed event: its tenant, subject and generation. */
  private record KeyRef(String tenant, String subject, int generation) {

    boolean valid() {
      return generation > 0;
    }

    static java.util.Optional<KeyRef> of(CloudEvent event) {
      if (PersonalDataSeal.disclosure(event) != PersonalDataSeal.Disclosure.SEALED) {
        return java.util.Optional.empty();
      }
      PersonalDataSeal.Block block = PersonalDataSeal.block(event.data()).orElseThrow();
      if (block.subject().isEmpty() || block.generation() < 1 || block.ciphertext().isEmpty()) {
        // a damaged block: open() on its own says so
        return java.util.Optional.of(new KeyRef(event.tenant(), block.subject(), 0));
      }
      return java.util.Optional.of(new KeyRef(event.tenant(), block.subject(), block.generation()));
    }
  }
}
