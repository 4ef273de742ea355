package org.relance.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Everything a request could have stored: the number of rows of every table of a service's database
 * and the end offset of every partition of every topic. Two equal snapshots mean nothing was
 * written.
 */
public final class SideEffects implements EndpointFuzzer.State, AutoCloseable {

  private final String jdbcUrl;
  private final Admin admin;
  private Connection connection;

  public SideEffects(String jdbcUrl, String bootstrap) {
    this.jdbcUrl = jdbcUrl;
    this.admin =
        Admin.create(
            KafkaUsers.props(bootstrap, org.relance.contracts.access.KafkaAccess.OPERATOR));
  }

  @Override
  public void close() {
    admin.close();
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      // closing anyway
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(jdbcUrl, Infra.DB_USER, Infra.DB_PASSWORD);
    }
    return connection;
  }

  @Override
  public Map<String, Long> get() {
    Map<String, Long> state = new TreeMap<>();
    rows(state);
    offsets(state);
    return state;
  }

  private void rows(Map<String, Long> state) {
    try (Statement s = connection().createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("select count(*) from \"" + table + "\"")) {
          r.next();
          state.put("table " + table, r.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not count rows", e);
    }
  }

  private void offsets(Map<String, Long> state) {
    java.util.Set<String> topics;
    try {
      topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not list topics", e);
    }
    EndOffsets.of(admin, topics)
        .forEach(
            (partition, offset) -> {
              // consumer groups commit offsets of their own pace; they are not stored effects
              if (!partition.startsWith("__")) {
                state.put("topic " + partition, offset);
              }
            });
  }
}
