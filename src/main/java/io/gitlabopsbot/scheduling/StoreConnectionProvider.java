package io.gitlabopsbot.scheduling;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Lends Quartz connections from the bot's own pool, so the scheduler opens no second pool. */
final class StoreConnectionProvider implements ConnectionProvider {

  private final DataSource dataSource;

  StoreConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {
    // The pool belongs to the store and is closed with it, after the scheduler.
  }

  @Override
  public void initialize() {}
}
