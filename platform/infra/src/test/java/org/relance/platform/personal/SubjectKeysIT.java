package org.relance.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Json;
import org.relance.testkit.Infra;
import org.relance.testkit.SubjectKeysDatabase;

/**
 * The key store on a real PostgreSQL (the tests' key database, or a database of its own where a
 * test changes every row): what it stores, what it makes, rotates, re-wraps and destroys, and what
 * a second instance of a service still holds in its cache after an erasure elsewhere.
 */
class SubjectKeysIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final byte[] CONTEXT = "SubjectKeysIT".getBytes(StandardCharsets.UTF_8);

  private static Vertx vertx;
  private static Pool keyDatabase;
  private static final List<SubjectKeys> instances = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    keyDatabase = pool(SubjectKeysDatabase.database());
  }

  @AfterAll
  static void stop() {
    instances.forEach(SubjectKeys::close);
    await(keyDatabase.close());
    await(vertx.close());
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(TIMEOUT);
  }

  private static Pool pool(String database) {
    return Pool.newInstance(
        PgBuilder.pool()
            .connectingTo(
                PgConnectOptions.fromUri(Infra.reactiveUrl(database))
                    .setUser(Infra.DB_USER)
                    .setPassword(Infra.DB_PASSWORD))
            .using(vertx.getDelegate())
            .build());
  }

  /** Another instance of a granted service: its own pool and its own cache. */
  private static SubjectKeys instance() {
    return keep(TestKeys.granted(vertx));
  }

  private static SubjectKeys instance(String database, String kek) {
    return keep(
        new SubjectKeys(
            vertx,
            Optional.of(Infra.reactiveUrl(database)),
            Infra.DB_USER,
            Infra.DB_PASSWORD,
            Optional.of(kek),
            Duration.ofMinutes(5),
            10_000));
  }

  private static SubjectKeys keep(SubjectKeys keys) {
    instances.add(keys);
    return keys;
  }

  private static String tenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String subject() {
    return "D-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static byte[] seal(SubjectKeys.Key key, String clear) throws GeneralSecurityException {
    return key.aead().encrypt(clear.getBytes(StandardCharsets.UTF_8), CONTEXT);
  }

  private static String open(Aead aead, byte[] ciphertext) throws GeneralSecurityException {
    return new String(aead.decrypt(ciphertext, CONTEXT), StandardCharsets.UTF_8);
  }

  private static String open(
      SubjectKeys keys, String tenant, String subject, int generation, byte[] ciphertext)
      throws GeneralSecurityException {
    Optional<Aead> key = await(keys.forReading(tenant, subject, generation));
    assertThat(key).as("the key of generation %d", generation).isPresent();
    return open(key.get(), ciphertext);
  }

  private static List<Row> rows(Pool pool, String tenant, String subject) {
    List<Row> rows = new ArrayList<>();
    await(
            pool.preparedQuery(
                    "select * from subject_keys where tenant = $1 and subject = $2"
                        + " order by generation")
                .execute(Tuple.of(tenant, subject)))
        .forEach(rows::add);
    return rows;
  }

  /** The Tink key id a ciphertext names in its 5-byte prefix (version byte, then the id). */
  private static int keyId(byte[] ciphertext) {
    assertThat(ciphertext[0]).as("a Tink-prefixed ciphertext").isEqualTo((byte) 1);
    return java.nio.ByteBuffer.wrap(ciphertext, 1, 4).getInt();
  }

  private static KeysetHandle localKek() throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.parseKeyset(
        new String(
            Base64.getDecoder().decode(SubjectKeysDatabase.localKek()), StandardCharsets.UTF_8),
        InsecureSecretKeyAccess.get());
  }

  private static String base64(KeysetHandle keyset) throws GeneralSecurityException {
    return Base64.getEncoder()
        .encodeToString(
            TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get())
                .getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] wrappingContext(String tenant, String subject, int generation) {
    return org.relance.contracts.personal.PersonalDataSeal.keyWrappingContext(
        tenant, subject, generation);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void the_first_write_makes_generation_1_once_and_every_later_one_gets_the_same_key()
      throws Exception {
    SubjectKeys keys = instance();
    String tenant = tenant();
    String subject = subject();

    SubjectKeys.Key first = await(keys.forWriting(tenant, subject));
    SubjectKeys.Key again = await(keys.forWriting(tenant, subject));

    assertThat(first.generation()).isEqualTo(1);
    assertThat(again.generation()).isEqualTo(1);
    byte[] ciphertext = seal(first, "compta@dupont.example");
    assertThat(open(again.aead(), ciphertext)).isEqualTo("compta@dupont.example");
    // another instance, with nothing cached, reads the same key from the key database
    assertThat(open(instance(), tenant, subject, 1, ciphertext)).isEqualTo("compta@dupont.example");
    assertThat(rows(keyDatabase, tenant, subject)).hasSize(1);
    SubjectKeys.Status status = await(keys.status(tenant, subject));
    assertThat(status.generations()).isEqualTo(1);
    assertThat(status.activeGeneration()).contains(1);
    assertThat(status.erased()).isFalse();
    assertThat(await(keys.forReading(tenant, subject, 2))).as("never made").isEmpty();
  }

  /**
   * Two instances writing the first event of a new subject at the same time: both end with the one
   * key that won, and the key database holds one row (never two live generations).
   */
  @Test
  void two_first_writes_at_the_same_time_end_with_one_key() throws Exception {
    SubjectKeys a = instance();
    SubjectKeys b = instance();
    String tenant = tenant();
    for (int round = 0; round < 5; round++) {
      String subject = subject();
      List<SubjectKeys.Key> both =
          await(
              Uni.combine()
                  .all()
                  .unis(a.forWriting(tenant, subject), b.forWriting(tenant, subject))
                  .with(SubjectKeys.Key.class, list -> list));

      assertThat(both).extracting(SubjectKeys.Key::generation).containsExactly(1, 1);
      assertThat(open(both.get(1).aead(), seal(both.get(0), "x"))).isEqualTo("x");
      assertThat(rows(keyDatabase, tenant, subject)).hasSize(1);
    }
    // what makes it so whatever the timing: the key database refuses a second live generation
    String subject = subject();
    await(a.forWriting(tenant, subject));
    assertThatThrownBy(
            () ->
                await(
                    keyDatabase
                        .preparedQuery(
                            "insert into subject_keys (tenant, subject, generation, keyset,"
                                + " kek_key_id) values ($1, $2, 2, '\\x00', 1)")
                        .execute(Tuple.of(tenant, subject))))
        .hasMessageContaining("subject_keys_one_live");
  }

  /**
   * The stored keyset is the subject's key wrapped by the key-encryption key, bound to its tenant,
   * subject and generation: the key's bytes are nowhere in it, it is no keyset without the KEK, and
   * it opens as no other subject's key.
   */
  @Test
  void the_stored_keyset_never_holds_the_clear_key() throws Exception {
    SubjectKeys keys = instance();
    String tenant = tenant();
    String subject = subject();
    byte[] ciphertext = seal(await(keys.forWriting(tenant, subject)), "06 12 34 56 78");
    byte[] stored = rows(keyDatabase, tenant, subject).get(0).getBuffer("keyset").getBytes();
    Aead kek = localKek().getPrimitive(RegistryConfiguration.get(), Aead.class);

    // with the KEK (as the service does), the stored bytes give the key that sealed the value
    KeysetHandle unwrapped =
        TinkProtoKeysetFormat.parseEncryptedKeyset(
            stored, kek, wrappingContext(tenant, subject, 1));
    assertThat(open(unwrapped.getPrimitive(RegistryConfiguration.get(), Aead.class), ciphertext))
        .isEqualTo("06 12 34 56 78");
    byte[] clearKey =
        ((AesGcmKey) unwrapped.getPrimary().getKey())
            .getKeyBytes()
            .toByteArray(InsecureSecretKeyAccess.get());
    assertThat(clearKey).hasSize(32);
    assertThat(contains(stored, clearKey)).as("the AES key bytes in the stored keyset").isFalse();
    byte[] clearKeyset =
        TinkProtoKeysetFormat.serializeKeyset(unwrapped, InsecureSecretKeyAccess.get());
    assertThat(stored).isNotEqualTo(clearKeyset);

    // without the KEK the bytes are no keyset at all
    assertThatThrownBy(
            () -> TinkProtoKeysetFormat.parseKeyset(stored, InsecureSecretKeyAccess.get()))
        .isInstanceOf(GeneralSecurityException.class);
    // and the wrapped key is bound to its subject: it does not pass for another one's
    assertThatThrownBy(
            () ->
                TinkProtoKeysetFormat.parseEncryptedKeyset(
                    stored, kek, wrappingContext(tenant, "D-other", 1)))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void a_rotation_seals_new_values_under_a_new_key_and_the_old_ciphertexts_still_open()
      throws Exception {
    SubjectKeys keys = instance();
    String tenant = tenant();
    String subject = subject();
    byte[] before = seal(await(keys.forWriting(tenant, subject)), "before");

    await(keys.rotate(tenant, subject));
    SubjectKeys.Key rotated = await(keys.forWriting(tenant, subject));
    byte[] after = seal(rotated, "after");

    assertThat(rotated.generation()).as("a rotation is not an erasure").isEqualTo(1);
    assertThat(keyId(after)).isNotEqualTo(keyId(before));
    assertThat(rows(keyDatabase, tenant, subject))
        .singleElement()
        .satisfies(r -> assertThat(r.getOffsetDateTime("rotated_at")).isNotNull());
    for (SubjectKeys reader : List.of(keys, instance())) {
      assertThat(open(reader, tenant, subject, 1, before)).isEqualTo("before");
      assertThat(open(reader, tenant, subject, 1, after)).isEqualTo("after");
    }
  }

  /**
   * A KEK rotation: the service is given a KEK keyset holding the old key and a new primary one;
   * rewrap() re-encrypts every live subject key under the new one, after which a service holding
   * only the new KEK opens them and the old KEK alone does not.
   */
  @Test
  void after_a_rewrap_the_keys_open_with_the_new_key_encryption_key_alone() throws Exception {
    // a key database of its own: a rewrap changes every row, and the shared one must keep
    // opening with the local KEK for the other tests of this JVM
    String database =
        Infra.createDatabase("subject_keys_rewrap_" + UUID.randomUUID().toString().substring(0, 8));
    String oldKek = SubjectKeysDatabase.localKek();
    SubjectKeys before = instance(database, oldKek);
    String tenant = tenant();
    String first = subject();
    String second = subject();
    String gone = subject();
    byte[] one = seal(await(before.forWriting(tenant, first)), "one");
    byte[] two = seal(await(before.forWriting(tenant, second)), "two");
    await(before.forWriting(tenant, gone));
    await(before.erase(tenant, gone, "operator:test", "erased before the KEK rotation"));

    KeysetHandle rotatedKek =
        KeysetHandle.newBuilder(localKek())
            .addEntry(
                KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId()
                    .makePrimary())
            .build();
    int newKekId = rotatedKek.getPrimary().getId();
    assertThat(newKekId).isNotEqualTo(localKek().getPrimary().getId());
    SubjectKeys during = instance(database, base64(rotatedKek));

    assertThat(await(during.rewrap())).as("the two live keys, not the erased one").isEqualTo(2);
    assertThat(await(during.rewrap())).as("nothing left to re-wrap").isZero();

    Pool pool = pool(database);
    try {
      for (String subject : List.of(first, second)) {
        assertThat(rows(pool, tenant, subject))
            .singleElement()
            .satisfies(r -> assertThat(r.getLong("kek_key_id")).isEqualTo((long) newKekId));
      }
    } finally {
      await(pool.close());
    }

    // the new KEK alone: the old one retired
    ObjectNode json =
        (ObjectNode)
            Json.parse(
                TinkJsonProtoKeysetFormat.serializeKeyset(
                    rotatedKek, InsecureSecretKeyAccess.get()));
    ArrayNode onlyNew = Json.mapper().createArrayNode();
    json.get("key")
        .forEach(
            k -> {
              if (k.path("keyId").asLong() == Integer.toUnsignedLong(newKekId)) {
                onlyNew.add(k);
              }
            });
    assertThat(onlyNew).hasSize(1);
    json.set("key", onlyNew);
    String newKek =
        Base64.getEncoder().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    SubjectKeys after = instance(database, newKek);
    assertThat(open(after, tenant, first, 1, one)).isEqualTo("one");
    assertThat(open(after, tenant, second, 1, two)).isEqualTo("two");
    assertThatThrownBy(() -> await(instance(database, oldKek).forReading(tenant, first, 1)))
        .as("the old KEK alone no longer opens them")
        .hasMessageContaining("does not open the key");
  }

  @Test
  void an_erasure_destroys_the_key_records_who_and_why_and_a_returning_subject_gets_generation_2()
      throws Exception {
    SubjectKeys keys = instance();
    String tenant = tenant();
    String subject = subject();
    byte[] old = seal(await(keys.forWriting(tenant, subject)), "compta@dupont.example");

    assertThat(await(keys.erase(tenant, subject, "operator:alice", "art. 17 request")))
        .isEqualTo(1);

    assertThat(await(keys.forReading(tenant, subject, 1))).isEmpty();
    assertThat(await(instance().forReading(tenant, subject, 1))).isEmpty();
    SubjectKeys.Status status = await(keys.status(tenant, subject));
    assertThat(status.erased()).isTrue();
    assertThat(status.activeGeneration()).isEmpty();
    assertThat(status.erasedAt()).isPresent();
    assertThat(status.erasedBy()).contains("operator:alice");
    assertThat(status.erasureReason()).contains("art. 17 request");
    assertThat(rows(keyDatabase, tenant, subject))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getBuffer("keyset")).as("the wrapped key is gone").isNull();
              assertThat(r.getValue("kek_key_id")).isNull();
            });
    assertThat(await(keys.erase(tenant, subject, "operator:alice", "again")))
        .as("nothing left to destroy")
        .isZero();

    // the debtor comes back with a new invoice: a new key, the old values stay unreadable
    SubjectKeys.Key next = await(keys.forWriting(tenant, subject));
    assertThat(next.generation()).isEqualTo(2);
    assertThat(open(keys, tenant, subject, 2, seal(next, "new@dupont.example")))
        .isEqualTo("new@dupont.example");
    assertThatThrownBy(() -> open(next.aead(), old)).isInstanceOf(GeneralSecurityException.class);
    assertThat(await(keys.forReading(tenant, subject, 1))).isEmpty();
    SubjectKeys.Status back = await(keys.status(tenant, subject));
    assertThat(back.generations()).isEqualTo(2);
    assertThat(back.activeGeneration()).contains(2);
    assertThat(back.erased()).isFalse();
    assertThat(back.erasedBy()).as("the record of the earlier erasure").contains("operator:alice");
  }

  /**
   * An erasure evicts the clear keys of the instance that erased; another instance that had the key
   * cached keeps opening the subject's values until it evicts them too (or the cache entry
   * expires): that is why every service consuming {@code PersonalDataErased} evicts the subject
   * from its {@link SubjectKeys} at once. Sealing, though, never uses the destroyed generation: the
   * live generation is read from the key database on every request.
   */
  @Test
  void another_instance_opens_from_its_cache_after_an_erasure_until_it_evicts_the_subject()
      throws Exception {
    SubjectKeys a = instance();
    SubjectKeys b = instance();
    String tenant = tenant();
    String subject = subject();
    byte[] ciphertext = seal(await(a.forWriting(tenant, subject)), "compta@dupont.example");
    assertThat(open(b, tenant, subject, 1, ciphertext)).isEqualTo("compta@dupont.example");
    assertThat(await(b.forWriting(tenant, subject)).generation()).isEqualTo(1);

    await(a.erase(tenant, subject, "operator:alice", "art. 17 request"));

    assertThat(await(a.forReading(tenant, subject, 1))).as("evicted where erased").isEmpty();
    assertThat(await(a.forWriting(tenant, subject)).generation()).isEqualTo(2);
    assertThat(open(b, tenant, subject, 1, ciphertext))
        .as("still cached in the other instance")
        .isEqualTo("compta@dupont.example");
    assertThat(await(b.forWriting(tenant, subject)).generation())
        .as("but it seals new values under the new generation at once")
        .isEqualTo(2);
    b.evict(tenant, subject);
    assertThat(await(b.forReading(tenant, subject, 1))).isEmpty();
    assertThat(await(b.forWriting(tenant, subject)).generation()).isEqualTo(2);
  }

  /**
   * A rebuild opens every stored event in one call: thousands of events, some subjects, one key
   * lookup per subject (a chain of one step per event once overflowed the stack); an event sealed
   * by another instance under a key rotated after this one cached the keyset still opens.
   */
  @Test
  void thousands_of_events_open_in_one_call_and_a_key_rotated_elsewhere_still_opens()
      throws Exception {
    SubjectKeys keys = instance();
    PersonalData personal = new PersonalData(keys);
    String tenant = tenant();
    List<String> subjects = List.of(subject(), subject(), subject());
    List<org.relance.contracts.CloudEvent> sealed = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String subject = subjects.get(i % subjects.size());
      sealed.add(sealedDispute(tenant, subject, await(keys.forWriting(tenant, subject)), i));
    }
    List<org.relance.contracts.CloudEvent> opened = await(personal.openAll(sealed));
    assertThat(opened).hasSize(5000);
    assertThat(opened)
        .allMatch(
            e ->
                org.relance.contracts.personal.PersonalDataSeal.disclosure(e)
                    == org.relance.contracts.personal.PersonalDataSeal.Disclosure.CLEAR);
    assertThat(opened.get(4999).data().get("reason").asText()).isEqualTo("reason 4999");

    // another instance rotates the first subject's key and seals under the new one
    SubjectKeys other = instance();
    await(other.rotate(tenant, subjects.get(0)));
    org.relance.contracts.CloudEvent newer =
        sealedDispute(tenant, subjects.get(0), await(other.forWriting(tenant, subjects.get(0))), 1);
    List<org.relance.contracts.CloudEvent> both =
        await(personal.openAll(List.of(sealed.get(0), newer)));
    assertThat(both.get(1).data().get("reason").asText()).isEqualTo("reason 1");

    await(keys.erase(tenant, subjects.get(1), "operator:alice", "art. 17 request"));
    assertThat(
            org.relance.contracts.personal.PersonalDataSeal.disclosure(
                await(personal.openAll(List.of(sealed.get(1)))).get(0)))
        .isEqualTo(org.relance.contracts.personal.PersonalDataSeal.Disclosure.ERASED);
  }

  private static org.relance.contracts.CloudEvent sealedDispute(
      String tenant, String subject, SubjectKeys.Key key, int i) {
    String id = java.util.UUID.randomUUID().toString();
    String invoice = java.util.UUID.randomUUID().toString();
    var data = org.relance.contracts.Json.object();
    data.put("invoiceId", invoice);
    data.put("disputeId", java.util.UUID.randomUUID().toString());
    data.put("category", "DELIVERY");
    data.put("reason", "reason " + i);
    data.putNull("amountDisputed");
    data.put("currency", "EUR");
    data.put("openedOn", "2026-02-05");
    data.put("actor", "user:cm");
    var sealedData =
        org.relance.contracts.personal.PersonalDataSeal.seal(
            org.relance.contracts.EventType.INVOICE_DISPUTED,
            data,
            tenant,
            id,
            subject,
            key.generation(),
            key.aead());
    return new org.relance.contracts.CloudEvent(
        org.relance.contracts.CloudEvent.SPEC_VERSION,
        id,
        "InvoiceDisputed",
        "invoice-service",
        invoice,
        "2026-02-05T08:00:00.000Z",
        org.relance.contracts.CloudEvent.DATA_CONTENT_TYPE,
        org.relance.contracts.EventType.INVOICE_DISPUTED.dataschema(),
        tenant,
        "2026-02-05",
        "1",
        invoice,
        null,
        org.relance.contracts.HashChain.GENESIS,
        null,
        sealedData);
  }

  @Test
  void a_service_without_the_grant_opens_nothing_and_refuses_to_make_keys() {
    SubjectKeys keys = keep(TestKeys.withoutGrant(vertx));
    assertThat(keys.granted()).isFalse();
    assertThatThrownBy(() -> await(keys.forWriting(tenant(), subject())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no grant to the data subjects' keys");
    assertThatThrownBy(() -> await(keys.forReading(tenant(), subject(), 1)))
        .hasMessageContaining("no grant");
    assertThat(instance().granted()).isTrue();
  }

  @Test
  void the_key_database_and_the_key_encryption_key_are_configured_together_or_not_at_all() {
    assertThatThrownBy(
            () ->
                new SubjectKeys(
                    vertx,
                    Optional.of(Infra.reactiveUrl(SubjectKeysDatabase.database())),
                    Infra.DB_USER,
                    Infra.DB_PASSWORD,
                    Optional.empty(),
                    Duration.ofMinutes(5),
                    10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("go together");
  }
}
