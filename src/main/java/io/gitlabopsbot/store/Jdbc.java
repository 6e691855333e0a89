package io.gitlabopsbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Plain JDBC for the bot's small stores: parameterised statements only, timestamps in UTC, and
 * failures as {@link StoreException}s that say what could not be done and what to check.
 */
public final class Jdbc {

  private final DataSource dataSource;
  private final String table;

  /**
   * @param table named in error messages
   */
  public Jdbc(DataSource dataSource, String table) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.table = Objects.requireNonNull(table, "table");
  }

  /** Reads one row into a value. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Work done on one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs one statement and returns how many rows it changed. */
  public int update(String what, String sql, Object... values) {
    return inTransaction(what, connection -> update(connection, sql, values));
  }

  /** Runs one statement on {@code connection} (inside {@link #inTransaction}). */
  public static int update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      return statement.executeUpdate();
    }
  }

  public <T> List<T> query(String what, String sql, RowReader<T> reader, Object... values) {
    return inTransaction(what, connection -> query(connection, sql, reader, values));
  }

  public static <T> List<T> query(
      Connection connection, String sql, RowReader<T> reader, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rows.next()) {
          out.add(reader.read(rows));
        }
        return out;
      }
    }
  }

  /** Runs {@code work} in one transaction: all of it is stored, or none. */
  public <T> T inTransaction(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean auto = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "Could not "
              + what
              + " in table "
              + table
              + ": "
              + e.getMessage()
              + ". Check the store's health (/readyz) and try again.",
          e);
    }
  }

  public static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }
}
