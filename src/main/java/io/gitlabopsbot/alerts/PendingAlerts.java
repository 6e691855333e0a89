package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertInbox.AlertInboxUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The delivery side of {@link JdbcAlertInbox}: reading due rows and recording attempts. */
final class PendingAlerts {

  private static final String PENDING =
      "SELECT a.id, a.received_at, a.channel, a.payload, a.attempts, a.next_attempt_at"
          + " FROM alert_inbox a"
          + " WHERE a.delivered_at IS NULL AND a.channel IS NOT NULL AND a.next_attempt_at <= ?"
          + " AND NOT EXISTS (SELECT 1 FROM alert_inbox b"
          + "   WHERE b.delivered_at IS NULL AND b.channel = a.channel"
          + "   AND b.thread_key = a.thread_key AND b.id < a.id AND b.next_attempt_at > ?)"
          + " ORDER BY a.id LIMIT ?";
  private static final String GROUPS =
      "SELECT g.channel, g.thread_key, g.first_id, g.n, g.firing, g.attempts, g.next_at,"
          + " a.payload, a.received_at FROM (SELECT channel, thread_key, MIN(id) AS first_id,"
          + " COUNT(*) AS n, SUM(CASE WHEN status = 'FIRING' THEN 1 ELSE 0 END) AS firing,"
          + " MAX(attempts) AS attempts, MAX(next_attempt_at) AS next_at FROM alert_inbox"
          + " WHERE delivered_at IS NULL AND channel IS NOT NULL GROUP BY channel, thread_key) g"
          + " JOIN alert_inbox a ON a.id = g.first_id ORDER BY g.first_id LIMIT ?";
  private static final String GROUP_ROWS =
      "SELECT id, received_at, channel, payload, attempts, next_attempt_at FROM alert_inbox"
          + " WHERE delivered_at IS NULL AND channel = ? AND thread_key = ? ORDER BY id LIMIT ?";
  private static final String DEPTH =
      "SELECT COUNT(*), MIN(received_at) FROM alert_inbox"
          + " WHERE delivered_at IS NULL AND channel IS NOT NULL";
  private static final String DELIVERED =
      "UPDATE alert_inbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL";
  private static final String FAILED =
      "UPDATE alert_inbox SET attempts = attempts + 1, next_attempt_at = ?"
          + " WHERE id = ? AND delivered_at IS NULL";

  private final DataSource dataSource;
  private final AlertEventJson json;

  PendingAlerts(DataSource dataSource, AlertEventJson json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  List<PendingAlert> pending(int limit, Instant now) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(PENDING)) {
      select.setObject(1, JdbcAlertInbox.utc(now));
      select.setObject(2, JdbcAlertInbox.utc(now));
      select.setInt(3, limit);
      List<PendingAlert> pending = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long id = rows.getLong("id");
          pending.add(
              new PendingAlert(
                  id,
                  rows.getObject("received_at", OffsetDateTime.class).toInstant(),
                  rows.getString("channel"),
                  json.read(rows.getString("payload"), id),
                  rows.getInt("attempts"),
                  rows.getObject("next_attempt_at", OffsetDateTime.class).toInstant()));
        }
      }
      return pending;
    } catch (SQLException e) {
      throw unavailable("read pending alerts", e);
    }
  }

  /** Undelivered groups, oldest first, at most {@code limit}. */
  List<PendingGroup> pendingGroups(int limit, Instant now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(GROUPS)) {
      select.setInt(1, limit);
      List<PendingGroup> groups = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long first = rows.getLong("first_id");
          Instant nextAt = rows.getObject("next_at", OffsetDateTime.class).toInstant();
          groups.add(
              new PendingGroup(
                  rows.getString("channel"),
                  rows.getString("thread_key"),
                  first,
                  json.read(rows.getString("payload"), first),
                  rows.getInt("n"),
                  rows.getInt("firing"),
                  rows.getInt("attempts"),
                  !nextAt.isAfter(now),
                  rows.getObject("received_at", OffsetDateTime.class).toInstant()));
        }
      }
      return groups;
    } catch (SQLException e) {
      throw unavailable("read pending alert groups", e);
    }
  }

  /** The undelivered rows of one group in one channel, in arrival order, at most {@code limit}. */
  List<PendingAlert> groupRows(String channel, String threadKey, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(GROUP_ROWS)) {
      select.setString(1, channel);
      select.setString(2, threadKey);
      select.setInt(3, limit);
      List<PendingAlert> pending = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          pending.add(row(rows));
        }
      }
      return pending;
    } catch (SQLException e) {
      throw unavailable("read the pending alerts of a group", e);
    }
  }

  /** Undelivered rows, and when the oldest of them arrived (null when there is none). */
  Depth depth() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(DEPTH);
        ResultSet row = select.executeQuery()) {
      row.next();
      OffsetDateTime oldest = row.getObject(2, OffsetDateTime.class);
      return new Depth(row.getLong(1), oldest == null ? null : oldest.toInstant());
    } catch (SQLException e) {
      throw unavailable("count undelivered alerts", e);
    }
  }

  /** How much waits for delivery. */
  record Depth(long rows, Instant oldestReceivedAt) {}

  /** Counts a failed delivery of every row in {@code ids}, deferring them until {@code next}. */
  void markAttemptsFailed(List<Long> ids, Instant next) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(FAILED)) {
      for (long id : ids) {
        update.setObject(1, JdbcAlertInbox.utc(next));
        update.setLong(2, id);
        update.addBatch();
      }
      update.executeBatch();
    } catch (SQLException e) {
      throw unavailable("record a failed attempt of " + ids.size() + " alert_inbox row(s)", e);
    }
  }

  private PendingAlert row(ResultSet rows) throws SQLException {
    long id = rows.getLong("id");
    return new PendingAlert(
        id,
        rows.getObject("received_at", OffsetDateTime.class).toInstant(),
        rows.getString("channel"),
        json.read(rows.getString("payload"), id),
        rows.getInt("attempts"),
        rows.getObject("next_attempt_at", OffsetDateTime.class).toInstant());
  }

  boolean markDelivered(long id, Instant deliveredAt) {
    return update(DELIVERED, id, deliveredAt, "mark alert_inbox row " + id + " delivered");
  }

  boolean markAttemptFailed(long id, Instant nextAttempt) {
    return update(FAILED, id, nextAttempt, "record a failed attempt of alert_inbox row " + id);
  }

  private boolean update(String sql, long id, Instant at, String what) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setObject(1, JdbcAlertInbox.utc(at));
      update.setLong(2, id);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw unavailable(what, e);
    }
  }

  /** The driver's message without a final period, so it reads well inside a sentence. */
  static String reason(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }

  static AlertInboxUnavailableException unavailable(String what, SQLException e) {
    return new AlertInboxUnavailableException(
        "Could not "
            + what
            + " in table alert_inbox: "
            + reason(e)
            + ". Retry later; check the store's health (/readyz).",
        e);
  }
}
