package io.gitlabopsbot.access;

import io.gitlabopsbot.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link AuditLog} in the bot's relational store (table {@code audit_log}). Values are stored as
 * given (redaction is the caller's job); over-long values are shortened rather than rejected, so an
 * odd command still leaves a trace.
 */
public final class JdbcAuditLog implements AuditLog {

  static final int MAX_RECENT = 200;
  static final int MAX_ARGUMENTS = 500;
  static final int MAX_DETAIL = 1000;

  private static final String INSERT =
      "INSERT INTO audit_log (at, correlation_id, source, team_id, channel_id, user_id, command,"
          + " arguments, decision, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String COMPLETE =
      "UPDATE audit_log SET outcome = ?, detail = ? WHERE id ="
          + " (SELECT MAX(id) FROM audit_log WHERE correlation_id = ?)";
  private static final String RECENT =
      "SELECT at, correlation_id, source, team_id, channel_id, user_id, command, arguments,"
          + " decision, outcome, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?";

  private final DataSource dataSource;
  private final Clock clock;

  public JdbcAuditLog(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws StoreException if the entry could not be written; audit is never dropped silently
   */
  @Override
  public void record(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    Instant at = entry.at() != null ? entry.at() : clock.instant();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      insert.setString(2, fit(entry.correlationId(), 128));
      insert.setString(3, fit(entry.source(), 64));
      insert.setString(4, fit(entry.teamId(), 64));
      insert.setString(5, fit(entry.channelId(), 64));
      insert.setString(6, fit(entry.userId(), 64));
      insert.setString(7, fit(entry.command(), 128));
      insert.setString(8, fit(entry.arguments(), MAX_ARGUMENTS));
      insert.setString(9, fit(entry.decision(), 32));
      insert.setString(10, fit(entry.outcome(), 64));
      insert.setString(11, fit(entry.detail(), MAX_DETAIL));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(
          "Could not write the audit entry for command '"
              + fit(entry.command(), 128)
              + "' (correlation ID "
              + entry.correlationId()
              + ") to the audit_log table: "
              + e.getMessage()
              + ". The action must not proceed unaudited; check the store's health (/readyz).",
          e);
    }
  }

  /**
   * @throws StoreException if the outcome could not be written, or no entry has that correlation ID
   */
  @Override
  public void complete(String correlationId, String outcome, String detail) {
    Objects.requireNonNull(correlationId, "correlationId");
    int updated;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(COMPLETE)) {
      update.setString(1, fit(outcome, 64));
      update.setString(2, fit(detail, MAX_DETAIL));
      update.setString(3, fit(correlationId, 128));
      updated = update.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(
          "Could not record outcome '"
              + outcome
              + "' for correlation ID "
              + correlationId
              + " in the audit_log table: "
              + e.getMessage()
              + ". Check the store's health (/readyz).",
          e);
    }
    if (updated == 0) {
      throw new StoreException(
          "No audit entry has correlation ID "
              + correlationId
              + ", so outcome '"
              + outcome
              + "' was not recorded: the command's start must be recorded before it completes.");
    }
  }

  /** The newest entries first; {@code limit} is clamped to 1..200. */
  @Override
  public List<AuditEntry> recent(int limit) {
    int clamped = Math.max(1, Math.min(MAX_RECENT, limit));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(RECENT)) {
      select.setInt(1, clamped);
      try (ResultSet rows = select.executeQuery()) {
        List<AuditEntry> entries = new ArrayList<>();
        while (rows.next()) {
          entries.add(
              new AuditEntry(
                  rows.getObject(1, OffsetDateTime.class).toInstant(),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getString(7),
                  rows.getString(8),
                  rows.getString(9),
                  rows.getString(10),
                  rows.getString(11)));
        }
        return entries;
      }
    } catch (SQLException e) {
      throw new StoreException(
          "Could not read the latest audit entries from the audit_log table: "
              + e.getMessage()
              + ". Check the store's health (/readyz).",
          e);
    }
  }

  /**
   * Shortens to at most {@code max} chars, marking the cut and never splitting a surrogate pair.
   */
  static String fit(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + "…";
  }
}
