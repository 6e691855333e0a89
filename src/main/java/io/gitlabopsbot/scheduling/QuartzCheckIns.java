package io.gitlabopsbot.scheduling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bots serving on a store, as their clustered Quartz schedulers' check-ins show them. Only a
 * started scheduler checks in (a bot that serves); the standby one of a CLI run does not.
 */
public final class QuartzCheckIns {

  private static final Logger log = LoggerFactory.getLogger(QuartzCheckIns.class);

  /** Allowance beyond two missed check-ins, for clock differences and a slow store. */
  private static final Duration GRACE = Duration.ofSeconds(15);

  private final DataSource dataSource;
  private final Clock clock;

  public QuartzCheckIns(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * Whether a bot checked in recently enough to count as serving; false when the store cannot tell
   * (then nothing is left to a bot that may not be there).
   */
  public boolean anyServing() {
    String sql =
        "SELECT last_checkin_time, checkin_interval FROM "
            + QuartzProperties.TABLE_PREFIX
            + "scheduler_state WHERE sched_name = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, QuartzProperties.INSTANCE_NAME);
      try (ResultSet rows = statement.executeQuery()) {
        long now = clock.millis();
        while (rows.next()) {
          long last = rows.getLong(1);
          long interval = rows.getLong(2);
          if (now - last <= 2 * interval + GRACE.toMillis()) {
            return true;
          }
        }
        return false;
      }
    } catch (SQLException e) {
      log.warn("cannot tell whether a bot serves on the store [reason={}]", e.getMessage());
      return false;
    }
  }
}
