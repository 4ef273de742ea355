package org.relance.platform.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The data subjects' keys: one Tink AES-256-GCM keyset per (tenant, subject, generation), stored in
 * the key database ({@code relance.personal-data.keys.url}, table {@code subject_keys}) encrypted
 * by the key-encryption key ({@code relance.personal-data.kek}: a Tink keyset from configuration, a
 * KMS in production). Nothing but wrapped keysets is ever written; the clear keys live only in this
 * process's cache, for at most {@code relance.personal-data.cache-ttl}, and an erasure evicts them
 * at once.
 *
 * <p>Erasing a subject destroys every generation of its keys: the ciphertexts in events, topics and
 * ledgers stay, and can no longer be opened by anyone. A subject that comes back later (a new
 * invoice) gets a new generation. A service without this configuration has no grant: it reads
 * sealed events without opening them and refuses to write personal data.
 */
@ApplicationScoped
public class SubjectKeys {

  private static final Logger LOG = Logger.getLogger(SubjectKeys.class);

  /** A subject's key for writing: its generation and its AEAD. */
  public record Key(int generation, Aead aead) {}

  /** Where a subject's keys stand. */
  public record Status(
      String tenant,
      String subject,
      int generations,
      Optional<Integer> activeGeneration,
      Optional<OffsetDateTime> erasedAt,
      Optional<String> erasedBy,
      Optional<String> erasureReason) {

    public boolean erased() {
      return activeGeneration.isEmpty() && erasedAt.isPresent();
    }
  }

  private final Optional<Aead> kek;
  private final Optional<Long> kekPrimary;
  private final Optional<Pool> pool;
  private final Cache<String, Aead> cache;

  private volatile boolean schemaReady;

  public SubjectKeys(
      Vertx vertx,
      @ConfigProperty(name = "relance.personal-data.keys.url") Optional<String> url,
      @ConfigProperty(name = "relance.personal-data.keys.username", defaultValue = "relance")
          String username,
      @ConfigProperty(name = "relance.personal-data.keys.password", defaultValue = "relance")
          String password,
      @ConfigProperty(name = "relance.personal-data.kek") Optional<String> kekKeyset,
      @ConfigProperty(name = "relance.personal-data.cache-ttl", defaultValue = "PT5M")
          Duration cacheTtl,
      @ConfigProperty(name = "relance.personal-data.cache-size", defaultValue = "10000")
          long cacheSize) {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink AEAD is not available", e);
    }
    if (url.isPresent() != kekKeyset.isPresent()) {
      throw new IllegalStateException(
          "relance.personal-data.keys.url and relance.personal-data.kek go together: set both to"
              + " grant this service the keys, or neither");
    }
    if (kekKeyset.isPresent()) {
      KeysetHandle handle = parseKek(kekKeyset.get());
      this.kekPrimary = Optional.of((long) handle.getPrimary().getId());
      try {
        this.kek = Optional.of(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("relance.personal-data.kek is not an AEAD keyset", e);
      }
      PgConnectOptions options =
          PgConnectOptions.fromUri(url.get()).setUser(username).setPassword(password);
      this.pool =
          Optional.of(
              Pool.newInstance(
                  io.vertx.pgclient.PgBuilder.pool()
                      .with(new PoolOptions().setMaxSize(4).setName("relance-subject-keys"))
                      .connectingTo(options)
                      .using(vertx.getDelegate())
                      .build()));
    } else {
      this.kek = Optional.empty();
      this.kekPrimary = Optional.empty();
      this.pool = Optional.empty();
    }
    this.cache = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).build();
  }

  private static KeysetHandle parseKek(String base64) {
    try {
      String json = new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
      return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "relance.personal-data.kek must be a Tink JSON keyset, base64-encoded", e);
    }
  }

  /** Whether this service was granted the keys (it may open and seal personal data). */
  public boolean granted() {
    return pool.isPresent();
  }

  /** The subject's current key, made on first use (generation 1, or the next after an erasure). */
  public Uni<Key> forWriting(String tenant, String subject) {
    return ready()
        .flatMap(
            p ->
                current(p, tenant, subject)
                    .flatMap(
                        found ->
                            found.isPresent()
                                ? Uni.createFrom().item(found.get())
                                : create(p, tenant, subject)
                                    .flatMap(created -> current(p, tenant, subject))
                                    .map(Optional::orElseThrow)));
  }

  /** The key of one generation, or empty when it was erased or never existed here. */
  public Uni<Optional<Aead>> forReading(String tenant, String subject, int generation) {
    Aead cached = cache.getIfPresent(cacheKey(tenant, subject, generation));
    if (cached != null) {
      return Uni.createFrom().item(Optional.of(cached));
    }
    return ready()
        .flatMap(
            p ->
                p.preparedQuery(
                        "select keyset from subject_keys where tenant = $1 and subject = $2"
                            + " and generation = $3 and erased_at is null")
                    .execute(Tuple.of(tenant, subject, generation))
                    .map(
                        rows ->
                            rows.size() == 0
                                ? Optional.<Aead>empty()
                                : Optional.of(
                                    unwrap(tenant, subject, generation, rows.iterator().next()))));
  }

  /**
   * Destroys every generation of the subject's keys: the wrapped keysets are overwritten with
   * nothing and the rows kept as the record of the erasure. Answers how many generations it
   * destroyed now (0 when they were already erased).
   */
  public Uni<Integer> erase(String tenant, String subject, String by, String reason) {
    return ready()
        .flatMap(
            p ->
                p.preparedQuery(
                        "update subject_keys set keyset = null, kek_key_id = null,"
                            + " erased_at = now(), erased_by = $3, erasure_reason = $4"
                            + " where tenant = $1 and subject = $2 and erased_at is null")
                    .execute(Tuple.of(tenant, subject, by, reason))
                    .map(rows -> rows.rowCount())
                    .call(
                        // the old row versions still hold the wrapped keys until PostgreSQL
                        // reclaims them: ask for it now (a plain statement, outside any
                        // transaction)
                        count ->
                            count == 0
                                ? Uni.createFrom().voidItem()
                                : p.query("vacuum subject_keys")
                                    .execute()
                                    .onFailure()
                                    .invoke(e -> LOG.warnf("vacuum of subject_keys failed: %s", e))
                                    .onFailure()
                                    .recoverWithNull()
                                    .replaceWithVoid()))
        .invoke(() -> evict(tenant, subject));
  }

  /** Forgets the clear keys of a subject in this process (another instance erased them). */
  public void evict(String tenant, String subject) {
    String prefix = tenant + "\u0000" + subject + "\u0000";
    cache.asMap().keySet().removeIf(k -> k.startsWith(prefix));
  }

  /**
   * Adds a new key to the subject's current keyset and makes it the one that encrypts: events
   * sealed before keep opening with the older keys of the same keyset, nothing is rewritten.
   */
  public Uni<Void> rotate(String tenant, String subject) {
    return ready()
        .flatMap(
            p ->
                p.withTransaction(
                    tx ->
                        tx.preparedQuery(
                                "select generation, keyset from subject_keys where tenant = $1"
                                    + " and subject = $2 and erased_at is null"
                                    + " order by generation desc limit 1 for update")
                            .execute(Tuple.of(tenant, subject))
                            .flatMap(
                                rows -> {
                                  if (rows.size() == 0) {
                                    return Uni.createFrom().voidItem();
                                  }
                                  Row row = rows.iterator().next();
                                  int generation = row.getInteger("generation");
                                  KeysetHandle rotated =
                                      rotated(handle(tenant, subject, generation, row));
                                  return tx.preparedQuery(
                                          "update subject_keys set keyset = $4, kek_key_id = $5,"
                                              + " rotated_at = now() where tenant = $1 and"
                                              + " subject = $2 and generation = $3")
                                      .execute(
                                          Tuple.of(
                                              tenant,
                                              subject,
                                              generation,
                                              wrap(rotated, tenant, subject, generation),
                                              kekPrimary.orElseThrow()))
                                      .replaceWithVoid();
                                })))
        .invoke(() -> evict(tenant, subject));
  }

  /**
   * Re-encrypts every stored keyset that another key-encryption key wrapped with the current
   * primary one: after a KEK rotation, once this has run, the old KEK can be retired. Events are
   * not touched. Answers how many keysets it re-wrapped.
   */
  public Uni<Integer> rewrap() {
    return ready()
        .flatMap(
            p ->
                p.preparedQuery(
                        "select tenant, subject, generation, keyset from subject_keys"
                            + " where erased_at is null and kek_key_id <> $1")
                    .execute(Tuple.of(kekPrimary.orElseThrow()))
                    .flatMap(
                        rows -> {
                          java.util.List<Tuple> updates = new java.util.ArrayList<>();
                          for (Row row : rows) {
                            String tenant = row.getString("tenant");
                            String subject = row.getString("subject");
                            int generation = row.getInteger("generation");
                            updates.add(
                                Tuple.of(
                                    tenant,
                                    subject,
                                    generation,
                                    wrap(
                                        handle(tenant, subject, generation, row),
                                        tenant,
                                        subject,
                                        generation),
                                    kekPrimary.orElseThrow()));
                          }
                          if (updates.isEmpty()) {
                            return Uni.createFrom().item(0);
                          }
                          return p.preparedQuery(
                                  "update subject_keys set keyset = $4, kek_key_id = $5"
                                      + " where tenant = $1 and subject = $2 and generation = $3"
                                      + " and erased_at is null")
                              .executeBatch(updates)
                              .replaceWith(updates.size());
                        }));
  }

  /** Where the subject's keys stand: generations, the active one, the erasure if any. */
  public Uni<Status> status(String tenant, String subject) {
    return ready()
        .flatMap(
            p ->
                p.preparedQuery(
                        "select generation, erased_at, erased_by, erasure_reason from subject_keys"
                            + " where tenant = $1 and subject = $2 order by generation")
                    .execute(Tuple.of(tenant, subject))
                    .map(
                        rows -> {
                          int generations = 0;
                          Optional<Integer> active = Optional.empty();
                          Optional<OffsetDateTime> erasedAt = Optional.empty();
                          Optional<String> erasedBy = Optional.empty();
                          Optional<String> reason = Optional.empty();
                          for (Row row : rows) {
                            generations++;
                            if (row.getOffsetDateTime("erased_at") == null) {
                              active = Optional.of(row.getInteger("generation"));
                            } else {
                              erasedAt = Optional.of(row.getOffsetDateTime("erased_at"));
                              erasedBy = Optional.ofNullable(row.getString("erased_by"));
                              reason = Optional.ofNullable(row.getString("erasure_reason"));
                            }
                          }
                          return new Status(
                              tenant, subject, generations, active, erasedAt, erasedBy, reason);
                        }));
  }

  private Uni<Optional<Key>> current(Pool p, String tenant, String subject) {
    return p.preparedQuery(
            "select generation, keyset from subject_keys where tenant = $1 and subject = $2"
                + " and erased_at is null order by generation desc limit 1")
        .execute(Tuple.of(tenant, subject))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              int generation = row.getInteger("generation");
              // the live generation is read every time (an erasure elsewhere shows at once);
              // only the unwrapping is cached
              Aead cached = cache.getIfPresent(cacheKey(tenant, subject, generation));
              return Optional.of(
                  new Key(
                      generation,
                      cached != null ? cached : unwrap(tenant, subject, generation, row)));
            });
  }

  private Uni<Void> create(Pool p, String tenant, String subject) {
    return p.preparedQuery(
            "select coalesce(max(generation), 0) + 1 as next from subject_keys"
                + " where tenant = $1 and subject = $2")
        .execute(Tuple.of(tenant, subject))
        .flatMap(
            rows -> {
              int generation = rows.iterator().next().getInteger("next");
              KeysetHandle fresh;
              try {
                fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
              // two writers may race for the first key: the second insert does nothing (the
              // same generation, or the one live generation of subject_keys_one_live), and both
              // read the one that won
              return p.preparedQuery(
                      "insert into subject_keys (tenant, subject, generation, keyset, kek_key_id)"
                          + " values ($1, $2, $3, $4, $5) on conflict do nothing")
                  .execute(
                      Tuple.of(
                          tenant,
                          subject,
                          generation,
                          wrap(fresh, tenant, subject, generation),
                          kekPrimary.orElseThrow()))
                  .replaceWithVoid();
            });
  }

  private Aead unwrap(String tenant, String subject, int generation, Row row) {
    try {
      Aead aead =
          handle(tenant, subject, generation, row)
              .getPrimitive(RegistryConfiguration.get(), Aead.class);
      cache.put(cacheKey(tenant, subject, generation), aead);
      return aead;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeysetHandle handle(String tenant, String subject, int generation, Row row) {
    try {
      return TinkProtoKeysetFormat.parseEncryptedKeyset(
          row.getBuffer("keyset").getBytes(),
          kek.orElseThrow(),
          wrappingContext(tenant, subject, generation));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the key-encryption key does not open the key of a subject of tenant "
              + tenant
              + " (generation "
              + generation
              + "): is relance.personal-data.kek the one that wrapped it?",
          e);
    }
  }

  /** The wrapped keyset, as a bytea parameter (the SQL client takes Vert.x core buffers). */
  private io.vertx.core.buffer.Buffer wrap(
      KeysetHandle handle, String tenant, String subject, int generation) {
    try {
      return io.vertx.core.buffer.Buffer.buffer(
          TinkProtoKeysetFormat.serializeEncryptedKeyset(
              handle, kek.orElseThrow(), wrappingContext(tenant, subject, generation)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeysetHandle rotated(KeysetHandle handle) {
    try {
      return KeysetHandle.newBuilder(handle)
          .addEntry(
              KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                  .withRandomId()
                  .makePrimary())
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] wrappingContext(String tenant, String subject, int generation) {
    return org.relance.contracts.personal.PersonalDataSeal.keyWrappingContext(
        tenant, subject, generation);
  }

  private static String cacheKey(String tenant, String subject, int generation) {
    return tenant + "\u0000" + subject + "\u0000" + generation;
  }

  private Uni<Pool> ready() {
    if (pool.isEmpty()) {
      return Uni.createFrom()
          .failure(
              new IllegalStateException(
                  "this service has no grant to the data subjects' keys"
                      + " (relance.personal-data.keys.url is not set)"));
    }
    Pool p = pool.get();
    if (schemaReady) {
      return Uni.createFrom().item(p);
    }
    return p.query(
            "create table if not exists subject_keys ("
                + " tenant text not null, subject text not null, generation int not null,"
                + " keyset bytea, kek_key_id bigint,"
                + " created_at timestamptz not null default now(), rotated_at timestamptz,"
                + " erased_at timestamptz, erased_by text, erasure_reason text,"
                + " primary key (tenant, subject, generation),"
                + " check ((keyset is null) = (erased_at is not null)));"
                // one live generation per subject: two first writers racing cannot both make one
                + " create unique index if not exists subject_keys_one_live"
                + " on subject_keys (tenant, subject) where erased_at is null")
        .execute()
        // services starting together may race on the creation: the loser retries and finds it
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(100))
        .atMost(3)
        .invoke(() -> schemaReady = true)
        .replaceWith(p);
  }

  @PreDestroy
  void close() {
    pool.ifPresent(Pool::closeAndAwait);
  }
}
