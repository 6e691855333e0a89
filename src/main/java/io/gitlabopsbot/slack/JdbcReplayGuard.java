package io.gitlabopsbot.slack;

import io.gitlabopsbot.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReplayGuard} in the bot's relational store (table {@code inbound_request_nonce}). The
 * primary key decides races: when replicas insert the same key at once, the database lets exactly
 * one insert succeed.
 */
public final class JdbcReplayGuard implements ReplayGuard {

  static final int MAX_KEY_LENGTH = 128;
  static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(JdbcReplayGuard.class);
  private static final String UNIQUE_VIOLATION = "23505";
  // H2 reports duplicate keys with this vendor code as well as the standard SQLState.
  private static final int H2_DUPLICATE_KEY = 23505;

  private static final String INSERT =
      "INSERT INTO inbound_request_nonce (nonce_key, expires_at) VALUES (?, ?)";
  // Takes over a key whose earlier use has expired but was not purged yet. The condition is
  // re-checked under the row lock, so of two racing replicas only one sees an update count of 1.
  private static final String REUSE_EXPIRED =
      "UPDATE inbound_request_nonce SET expires_at = ? WHERE nonce_key = ? AND expires_at <= ?";
  private static final String PURGE = "DELETE FROM inbound_request_nonce WHERE expires_at <= ?";

  private final DataSource dataSource;
  private final Clock clock;
  private final AtomicReference<Instant> lastPurge = new AtomicReference<>();

  public JdbcReplayGuard(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws StoreException if the store cannot answer; callers should then refuse the request
   */
  @Override
  public boolean firstSeen(String key, Instant expiresAt) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("A replay key must not be empty");
    }
    Objects.requireNonNull(expiresAt, "expiresAt");
    String storedKey = key.length() > MAX_KEY_LENGTH ? "sha256:" + sha256Hex(key) : key;
    Instant now = clock.instant();
    purgeIfDue(now);
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        insert.setString(1, storedKey);
        insert.setObject(2, utc(expiresAt));
        insert.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (!isDuplicateKey(e)) {
          throw e;
        }
      }
      try (PreparedStatement reuse = connection.prepareStatement(REUSE_EXPIRED)) {
        reuse.setObject(1, utc(expiresAt));
        reuse.setString(2, storedKey);
        reuse.setObject(3, utc(now));
        return reuse.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw new StoreException(
          "Could not check the inbound request against the replay guard (table"
              + " inbound_request_nonce): "
              + e.getMessage()
              + ". Refuse the request and check the store's health (/readyz).",
          e);
    }
  }

  /** Deletes expired keys, at most once per {@link #PURGE_INTERVAL} on this instance. */
  private void purgeIfDue(Instant now) {
    Instant previous = lastPurge.get();
    if (previous != null && now.isBefore(previous.plus(PURGE_INTERVAL))) {
      return;
    }
    if (!lastPurge.compareAndSet(previous, now)) {
      return; // another thread of this instance is purging
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement purge = connection.prepareStatement(PURGE)) {
      purge.setObject(1, utc(now));
      int deleted = purge.executeUpdate();
      log.debug("Replay guard purged {} expired keys", deleted);
    } catch (SQLException e) {
      // Purging is housekeeping: the guard stays correct without it, so the request goes on.
      log.warn("Replay guard could not purge expired keys; will retry in {}", PURGE_INTERVAL, e);
    }
  }

  private static boolean isDuplicateKey(SQLException e) {
    for (SQLException current = e; current != null; current = current.getNextException()) {
      if (UNIQUE_VIOLATION.equals(current.getSQLState())
          || current.getErrorCode() == H2_DUPLICATE_KEY) {
        return true;
      }
    }
    return false;
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String sha256Hex(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
