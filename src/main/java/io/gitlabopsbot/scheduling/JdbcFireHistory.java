package io.gitlabopsbot.scheduling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link FireHistory} in the {@code backup_schedule_fire} table of the bot's store. */
public final class JdbcFireHistory implements FireHistory {

  private static final int MAX_DETAIL = 1000;

  private final DataSource dataSource;
  private final Clock clock;

  public JdbcFireHistory(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public long recordFire(
      String target, String scheduleId, String cron, Instant scheduledAt, Instant firedAt) {
    String sql =
        "INSERT INTO backup_schedule_fire (target, schedule_id, cron, scheduled_at, fired_at,"
            + " outcome, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, target);
      insert.setString(2, scheduleId);
      insert.setString(3, cron);
      insert.setTimestamp(4, Timestamp.from(scheduledAt));
      insert.setTimestamp(5, Timestamp.from(firedAt));
      insert.setString(6, FireOutcome.FIRED.name());
      insert.setTimestamp(7, Timestamp.from(clock.instant()));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("record the fire of the backup schedule for " + target, e);
    }
  }

  @Override
  public void settle(long id, FireOutcome outcome, String detail) {
    String sql =
        "UPDATE backup_schedule_fire SET outcome = ?, detail = ?, updated_at = ? WHERE id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, outcome.name());
      update.setString(2, shorten(detail));
      update.setTimestamp(3, Timestamp.from(clock.instant()));
      update.setLong(4, id);
      update.executeUpdate();
    } catch (SQLException e) {
      throw failure("record the outcome of backup schedule fire " + id, e);
    }
  }

  @Override
  public Optional<FireRecord> latest(String target) {
    String sql =
        "SELECT id, target, schedule_id, cron, scheduled_at, fired_at, outcome, detail"
            + " FROM backup_schedule_fire WHERE target = ? ORDER BY fired_at DESC, id DESC"
            + " LIMIT 1";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, target);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new FireRecord(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getTimestamp(5).toInstant(),
                row.getTimestamp(6).toInstant(),
                FireOutcome.valueOf(row.getString(7)),
                row.getString(8)));
      }
    } catch (SQLException e) {
      throw failure("read the last fire of the backup schedule for " + target, e);
    }
  }

  private static String shorten(String detail) {
    return detail == null || detail.length() <= MAX_DETAIL
        ? detail
        : detail.substring(0, MAX_DETAIL - 1) + "…";
  }

  private static SchedulingException failure(String what, SQLException e) {
    return new SchedulingException(
        "Could not " + what + " in the store: " + e.getMessage() + ". Check the store database.",
        e);
  }
}
