package org.relance.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relance.testkit.Infra;

/** Plain JDBC on a service's database, for what a test must see or do behind the service's back. */
final class Db {

  private Db() {}

  static String name(String service) {
    return "e2e_" + service.replace("-service", "");
  }

  static List<Map<String, Object>> rows(String service, String sql) {
    try (Connection c = connect(service);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          row.put(meta.getColumnName(i), value == null ? null : value.toString());
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void execute(String service, String sql) {
    try (Connection c = connect(service);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static Connection connect(String service) throws SQLException {
    return DriverManager.getConnection(
        Infra.jdbcUrl(name(service)), Infra.DB_USER, Infra.DB_PASSWORD);
  }
}
