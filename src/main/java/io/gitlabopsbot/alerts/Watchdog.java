package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.Notifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-man's switch of the alerting pipeline. Alertmanager setups keep a {@code Watchdog} alert
 * always firing; while it keeps arriving, alerting works. When it stops, the bot says so once in
 * the alert channel, and again once when it is back.
 */
public final class Watchdog {

  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
  private static final String SOURCE = AlertmanagerEvents.SOURCE;

  private final DataSource dataSource;
  private final Notifier notifier;
  private final String channel;
  private final String alertName;
  private final Duration expectEvery;
  private final Clock clock;
  private final Instant startedAt;

  /**
   * @param alertName the always-firing alert's {@code alertname}, usually {@code Watchdog}
   * @param expectEvery how often it must arrive; Alertmanager resends it every repeat_interval
   */
  public Watchdog(
      DataSource dataSource,
      Notifier notifier,
      String channel,
      String alertName,
      Duration expectEvery,
      Clock clock) {
    this.dataSource = dataSource;
    this.notifier = notifier;
    this.channel = channel;
    this.alertName = alertName;
    this.expectEvery = expectEvery;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /** Keeps the watchdog out of Slack, noting when it was seen; other events pass through. */
  public AlertInbox filtering(AlertInbox inbox) {
    return events -> {
      List<AlertEvent> others =
          events.stream().filter(e -> !alertName.equals(e.labels().get("alertname"))).toList();
      if (others.size() < events.size()) {
        seen();
      }
      return others.isEmpty() ? 0 : inbox.accept(others);
    };
  }

  /** Posts the "silent" or "back" notice if the state just changed; run periodically. */
  public void check() {
    Instant now = clock.instant();
    Optional<Instant> lastSeen = lastSeen();
    Instant reference = lastSeen.orElse(startedAt);
    if (now.isAfter(reference.plus(expectEvery)) && markSilent(reference)) {
      notifier.post(
          channel,
          Message.of(
              ":rotating_light: The alerting pipeline is silent: no `"
                  + alertName
                  + "` alert from Alertmanager since "
                  + reference
                  + " (expected every "
                  + expectEvery.toMinutes()
                  + " min). Alerts may not be reaching Slack — check Alertmanager and Prometheus."));
    }
  }

  private void seen() {
    Instant now = clock.instant();
    boolean wasSilent;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      wasSilent = lockedSilentFlag(c);
      upsert(c, now);
      c.commit();
    } catch (SQLException e) {
      throw new AlertInbox.AlertInboxUnavailableException("cannot record the watchdog alert", e);
    }
    if (wasSilent) {
      notifier.post(
          channel,
          Message.of(
              ":white_check_mark: The alerting pipeline is back: `"
                  + alertName
                  + "` arrived again."));
    }
  }

  private boolean lockedSilentFlag(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT silent FROM alert_watchdog WHERE source = ? FOR UPDATE")) {
      s.setString(1, SOURCE);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  private void upsert(Connection c, Instant now) throws SQLException {
    try (PreparedStatement u =
        c.prepareStatement(
            "UPDATE alert_watchdog SET last_seen = ?, silent = FALSE WHERE source = ?")) {
      u.setTimestamp(1, Timestamp.from(now));
      u.setString(2, SOURCE);
      if (u.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement i =
        c.prepareStatement(
            "INSERT INTO alert_watchdog (source, last_seen, silent) VALUES (?, ?, FALSE)")) {
      i.setString(1, SOURCE);
      i.setTimestamp(2, Timestamp.from(now));
      i.executeUpdate();
    }
  }

  private Optional<Instant> lastSeen() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT last_seen FROM alert_watchdog WHERE source = ?")) {
      s.setString(1, SOURCE);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getTimestamp(1).toInstant()) : Optional.empty();
      }
    } catch (SQLException e) {
      log.warn("cannot read the watchdog state [reason={}]", e.getMessage());
      return Optional.empty();
    }
  }

  /** True for exactly one caller across replicas: the one that flipped the flag. */
  private boolean markSilent(Instant reference) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement u =
          c.prepareStatement(
              "UPDATE alert_watchdog SET silent = TRUE WHERE source = ? AND silent = FALSE")) {
        u.setString(1, SOURCE);
        if (u.executeUpdate() == 1) {
          return true;
        }
      }
      // Never seen since the store was created: insert the silent row; a racing replica fails.
      try (PreparedStatement i =
          c.prepareStatement(
              "INSERT INTO alert_watchdog (source, last_seen, silent) VALUES (?, ?, TRUE)")) {
        i.setString(1, SOURCE);
        i.setTimestamp(2, Timestamp.from(reference));
        return i.executeUpdate() == 1;
      } catch (SQLException duplicate) {
        return false;
      }
    } catch (SQLException e) {
      log.warn("cannot update the watchdog state [reason={}]", e.getMessage());
      return false;
    }
  }
}
