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

  private static AlertInboxUnavailableException unavailable(String what, SQLException e) {
    return new AlertInboxUnavailableException(
        "Could not "
            + what
            + " in table alert_inbox: "
            + reason(e)
            + ". Retry later; check the store's health (/readyz).",
        e);
  }
}
