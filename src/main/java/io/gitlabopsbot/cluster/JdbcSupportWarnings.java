package io.gitlabopsbot.cluster;

import io.gitlabopsbot.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link SupportWarningLog} in the {@code support_warnings} table. Insert-first: the primary key
 * decides which of two racing replicas posts, so a warning is posted once.
 */
public final class JdbcSupportWarnings implements SupportWarningLog {

  private static final String CLAIM =
      "INSERT INTO support_warnings (cluster, version, warning, sent_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";
  private static final String RELEASE =
      "DELETE FROM support_warnings WHERE cluster = ? AND version = ? AND warning = ?";

  private final DataSource dataSource;

  public JdbcSupportWarnings(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public boolean claim(String cluster, String version, String warning, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(CLAIM)) {
      insert.setString(1, cluster);
      insert.setString(2, version);
      insert.setString(3, warning);
      insert.setTimestamp(4, Timestamp.from(at));
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("record", warning, cluster, e);
    }
  }

  @Override
  public void release(String cluster, String version, String warning) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete = connection.prepareStatement(RELEASE)) {
      delete.setString(1, cluster);
      delete.setString(2, version);
      delete.setString(3, warning);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw failure("forget", warning, cluster, e);
    }
  }

  private static StoreException failure(
      String verb, String warning, String cluster, SQLException e) {
    return new StoreException(
        "Could not "
            + verb
            + " the support warning "
            + warning
            + " of EKS cluster "
            + cluster
            + " in the store: "
            + e.getMessage()
            + ". Check that the store database is reachable.",
        e);
  }
}
