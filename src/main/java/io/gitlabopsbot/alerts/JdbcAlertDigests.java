package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Storm digests in table {@code alert_digests}: at most one active digest per channel. */
final class JdbcAlertDigests {

  private static final String ACTIVE =
      "SELECT id, parent_channel, parent_ts, started_at, updated_at, shown_hash FROM alert_digests"
          + " WHERE open_channel = ?";
  private static final String ACTIVE_CHANNELS =
      "SELECT open_channel FROM alert_digests WHERE open_channel IS NOT NULL";
  private static final String INSERT =
      "INSERT INTO alert_digests (channel, parent_channel, parent_ts, started_at, updated_at,"
          + " shown_hash, open_channel) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String SHOWN =
      "UPDATE alert_digests SET shown_hash = ?, updated_at = ? WHERE id = ?";
  private static final String END =
      "UPDATE alert_digests SET shown_hash = ?, updated_at = ?, ended_at = ?, open_channel = NULL"
          + " WHERE id = ?";

  /**
   * The active digest of a channel.
   *
   * @param shownHash SHA-256 of what the message shows now
   */
  record Digest(
      long id, MessageRef message, Instant startedAt, Instant updatedAt, String shownHash) {}

  private final DataSource dataSource;

  JdbcAlertDigests(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  Optional<Digest> active(String channel) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(ACTIVE)) {
      select.setString(1, channel);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Digest(
                row.getLong("id"),
                new MessageRef(row.getString("parent_channel"), row.getString("parent_ts")),
                row.getObject("started_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                row.getString("shown_hash")));
      }
    } catch (SQLException e) {
      throw failed("look up the storm digest of channel " + channel, e);
    }
  }

  /** Channels with an active digest. */
  java.util.List<String> activeChannels() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(ACTIVE_CHANNELS);
        ResultSet rows = select.executeQuery()) {
      java.util.List<String> channels = new java.util.ArrayList<>();
      while (rows.next()) {
        channels.add(rows.getString(1));
      }
      return channels;
    } catch (SQLException e) {
      throw failed("list the channels with a storm digest", e);
    }
  }

  void posted(String channel, MessageRef message, Instant startedAt, String shownHash) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, channel);
      insert.setString(2, message.channel());
      insert.setString(3, message.ts());
      insert.setObject(4, JdbcAlertInbox.utc(startedAt));
      insert.setObject(5, JdbcAlertInbox.utc(startedAt));
      insert.setString(6, shownHash);
      insert.setString(7, channel);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw failed("record the storm digest of channel " + channel, e);
    }
  }

  /**
   * Records what the digest shows now; {@code ended} closes it, so the next storm gets a new one.
   */
  void shown(long id, String shownHash, Instant at, boolean ended) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(ended ? END : SHOWN)) {
      update.setString(1, shownHash);
      update.setObject(2, JdbcAlertInbox.utc(at));
      if (ended) {
        update.setObject(3, JdbcAlertInbox.utc(at));
        update.setLong(4, id);
      } else {
        update.setLong(3, id);
      }
      update.executeUpdate();
    } catch (SQLException e) {
      throw failed("update the storm digest " + id, e);
    }
  }

  private static StoreException failed(String what, SQLException e) {
    return new StoreException(
        "Could not "
            + what
            + " in table alert_digests: "
            + PendingAlerts.reason(e)
            + ". Delivery is retried; check the store's health (/readyz).",
        e);
  }
}
