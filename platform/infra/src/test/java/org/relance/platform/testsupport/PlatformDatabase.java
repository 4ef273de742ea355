package org.relance.platform.testsupport;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.relance.testkit.Infra;

/**
 * A fresh database on the test kit's PostgreSQL with the platform's migrations applied (as a
 * service's Flyway would, {@code db/platform} only), and a reactive pool on it built by hand, as
 * Quarkus would build the one it injects into the event store, relay and consumer.
 */
public final class PlatformDatabase implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Pool pool;
  private final String name;

  private PlatformDatabase(String name) {
    this.name = name;
    this.vertx = Vertx.vertx();
    PgConnectOptions connect =
        new PgConnectOptions()
            .setHost("127.0.0.1")
            .setPort(Infra.postgresPort())
            .setDatabase(name)
            .setUser(Infra.DB_USER)
            .setPassword(Infra.DB_PASSWORD);
    this.pool =
        Pool.newInstance(
            PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(6))
                .connectingTo(connect)
                .using(vertx)
                .build());
  }

  /** A new database named after the test, migrated with the platform's migrations. */
  public static PlatformDatabase create(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Infra.createDatabase(name);
    Flyway.configure()
        .dataSource(Infra.jdbcUrl(name), Infra.DB_USER, Infra.DB_PASSWORD)
        .locations("classpath:db/platform")
        .outOfOrder(true)
        .load()
        .migrate();
    return new PlatformDatabase(name);
  }

  /**
   * Another pool on the same database, as a second instance of the service has: its connections,
   * and the session locks taken on them, are its own.
   */
  public PlatformDatabase secondInstance() {
    return new PlatformDatabase(name);
  }

  public Pool pool() {
    return pool;
  }

  /** Personal data sealed and opened with the tests' key database (a granted service). */
  public org.relance.platform.personal.PersonalData personalData() {
    return org.relance.platform.personal.TestKeys.personalData(
        io.vertx.mutiny.core.Vertx.newInstance(vertx));
  }

  public String name() {
    return name;
  }

  public static <T> T await(Uni<T> uni) {
    return uni.await().atMost(TIMEOUT);
  }

  /** Runs one statement outside any test transaction. */
  public void execute(String sql, Object... params) {
    await(pool.preparedQuery(sql).execute(Tuple.from(params)));
  }

  /** The rows of a query, outside any test transaction. */
  public List<Row> rows(String sql, Object... params) {
    List<Row> rows = new ArrayList<>();
    await(pool.preparedQuery(sql).execute(Tuple.from(params))).forEach(rows::add);
    return rows;
  }

  /** The single number a {@code select count(*)} (or any one-long query) returns. */
  public long count(String sql, Object... params) {
    return rows(sql, params).get(0).getLong(0);
  }

  @Override
  public void close() {
    try {
      await(pool.close());
    } finally {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
          .join();
    }
  }
}
