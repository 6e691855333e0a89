package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link AlertThreads} in the bot's relational store (table {@code alert_threads}). A unique key on
 * (open hash, channel) keeps at most one open thread per alert group and channel.
 */
public final class JdbcAlertThreads implements AlertThreads {

  private static final String SELECT_OPEN =
      "SELECT thread_key, channel, parent_channel, parent_ts, parent_kind, first_seen_at,"
          + " action_id, acked_by, acked_by_name, acked_at FROM alert_threads WHERE open_hash = ? AND channel = ? AND thread_key = ?";
  private static final String SUPERSEDE =
      "UPDATE alert_threads SET status = 'SUPERSEDED', open_hash = NULL"
          + " WHERE open_hash = ? AND channel = ?";
  private static final String INSERT =
      "INSERT INTO alert_threads (thread_key, thread_hash, channel, parent_channel, parent_ts,"
          + " parent_kind, status, first_seen_at, open_hash, action_id, parent_event)"
          + " VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)";
  private static final String RESOLVE =
      "UPDATE alert_threads SET status = 'RESOLVED', resolved_at = ?, open_hash = NULL"
          + " WHERE open_hash = ? AND channel = ? AND thread_key = ?";

  private final DataSource dataSource;
  private final AlertEventJson json = new AlertEventJson();

  public JdbcAlertThreads(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public Optional<AlertThread> open(String threadKey, String channel) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(SELECT_OPEN)) {
      select.setString(1, hash(threadKey));
      select.setString(2, channel);
      select.setString(3, threadKey);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new AlertThread(
                row.getString("thread_key"),
                row.getString("channel"),
                new MessageRef(row.getString("parent_channel"), row.getString("parent_ts")),
                ParentKind.valueOf(row.getString("parent_kind")),
                row.getObject("first_seen_at", OffsetDateTime.class).toInstant(),
                row.getString("action_id"),
                acknowledgement(row)));
      }
    } catch (SQLException e) {
      throw failed("look up the open thread of an alert group in channel " + channel, e);
    }
  }

  @Override
  public void opened(AlertThread thread, AlertEvent parentEvent) {
    String hash = hash(thread.threadKey());
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement supersede = connection.prepareStatement(SUPERSEDE);
          PreparedStatement insert = connection.prepareStatement(INSERT)) {
        supersede.setString(1, hash);
        supersede.setString(2, thread.channel());
        supersede.executeUpdate();
        insert.setString(1, thread.threadKey());
        insert.setString(2, hash);
        insert.setString(3, thread.channel());
        insert.setString(4, thread.parent().channel());
        insert.setString(5, thread.parent().ts());
        insert.setString(6, thread.kind().name());
        insert.setObject(7, JdbcAlertInbox.utc(thread.firstSeen()));
        insert.setString(8, hash);
        insert.setString(9, thread.actionId());
        insert.setString(10, parentEvent == null ? null : json.write(parentEvent));
        insert.executeUpdate();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failed("record the Slack thread of an alert group in channel " + thread.channel(), e);
    }
  }

  @Override
  public boolean resolved(String threadKey, String channel, Instant resolvedAt) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(RESOLVE)) {
      update.setObject(1, JdbcAlertInbox.utc(resolvedAt));
      update.setString(2, hash(threadKey));
      update.setString(3, channel);
      update.setString(4, threadKey);
      return update.executeUpdate() > 0;
    } catch (SQLException e) {
      throw failed("close the Slack thread of an alert group in channel " + channel, e);
    }
  }

  static Acknowledgement acknowledgement(ResultSet row) throws SQLException {
    String by = row.getString("acked_by");
    OffsetDateTime at = row.getObject("acked_at", OffsetDateTime.class);
    return by == null || at == null
        ? null
        : new Acknowledgement(by, row.getString("acked_by_name"), at.toInstant());
  }

  static String hash(String threadKey) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(threadKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  // A failed rollback must not hide why the write failed; the pool discards a broken connection.
  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static StoreException failed(String what, SQLException e) {
    return new StoreException(
        "Could not "
            + what
            + " in table alert_threads: "
            + PendingAlerts.reason(e)
            + ". Delivery is retried; check the store's health (/readyz).",
        e);
  }
}
