package io.gitlabopsbot.status;

import io.gitlabopsbot.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link FiringAlerts} from table {@code alert_threads}: a thread is open while its {@code
 * open_hash} is set. A group routed to two channels has a thread in each, so groups are counted by
 * their hash, not threads.
 */
public final class JdbcOpenAlerts implements FiringAlerts {

  private static final String COUNT_OPEN =
      "SELECT COUNT(DISTINCT thread_hash) FROM alert_threads WHERE open_hash IS NOT NULL";

  private final DataSource dataSource;

  public JdbcOpenAlerts(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public int count() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count = connection.prepareStatement(COUNT_OPEN);
        ResultSet rows = count.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new StoreException(
          "could not count open alert threads in the store (SQLState "
              + e.getSQLState()
              + "); check the store's health (/readyz)",
          e);
    }
  }
}
