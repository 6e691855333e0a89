package io.gitlabopsbot.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * {@link AlertInbox} in the bot's relational store (table {@code alert_inbox}), shared by replicas.
 * Each event is routed on the way in and stored once per destination channel; the unique key
 * (dedupe key, destination) with {@code ON CONFLICT DO NOTHING} lets exactly one of two racing
 * inserts of the same notification win, without failing the other.
 */
public final class JdbcAlertInbox implements AlertInbox {

  /** Destination of a muted event's row; never a Slack channel ID (those have no dash). */
  static final String MUTED_DESTINATION = "-";

  private static final String INSERT =
      "INSERT INTO alert_inbox (received_at, source, thread_key, dedupe_key, destination, status,"
          + " channel, muted_by, payload, attempts, next_attempt_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING";

  private final DataSource dataSource;
  private final AlertRoutes routes;
  private final Clock clock;
  private final MeterRegistry registry;
  private final AlertEventJson json = new AlertEventJson();
  private final PendingAlerts reads;

  public JdbcAlertInbox(
      DataSource dataSource, AlertRoutes routes, Clock clock, MeterRegistry registry) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.routes = Objects.requireNonNull(routes, "routes");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.reads = new PendingAlerts(dataSource, json);
  }

  @Override
  public int accept(List<AlertEvent> events) {
    return accept(events, routes::route);
  }

  /**
   * As {@link #accept}, but to {@code channel} regardless of routes and mutes: for a test alert
   * someone sends to a channel on purpose.
   */
  public int acceptTo(String channel, List<AlertEvent> events) {
    Routing deliver = new Routing.Deliver(List.of(channel));
    return accept(events, event -> deliver);
  }

  /** Where {@code event} would go under the configured routes and mutes. */
  public Routing route(AlertEvent event) {
    return routes.route(event);
  }

  private int accept(List<AlertEvent> events, java.util.function.Function<AlertEvent, Routing> to) {
    if (events.isEmpty()) {
      return 0;
    }
    OffsetDateTime now = utc(clock.instant());
    List<Routing.Muted> newlyMuted = new ArrayList<>();
    List<String> newlyMutedSources = new ArrayList<>();
    int fresh = 0;
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        // One batch for the whole notification: a 100-alert notification is one round trip.
        List<Integer> eventOfStatement = new ArrayList<>();
        List<Routing> routings = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
          AlertEvent event = events.get(i);
          Routing routing = to.apply(event);
          routings.add(routing);
          String payload = json.write(event);
          for (Row row : rows(routing)) {
            bind(insert, event, row, now, payload);
            insert.addBatch();
            eventOfStatement.add(i);
          }
        }
        int[] counts = eventOfStatement.isEmpty() ? new int[0] : insert.executeBatch();
        boolean[] inserted = new boolean[events.size()];
        for (int s = 0; s < counts.length; s++) {
          // SUCCESS_NO_INFO (-2) means the driver does not say; only PostgreSQL's rewritten
          // batches do that, which this bot does not enable. Count it as stored to be safe.
          if (counts[s] > 0 || counts[s] == java.sql.Statement.SUCCESS_NO_INFO) {
            inserted[eventOfStatement.get(s)] = true;
          }
        }
        for (int i = 0; i < events.size(); i++) {
          if (inserted[i]) {
            fresh++;
            if (routings.get(i) instanceof Routing.Muted muted) {
              newlyMuted.add(muted);
              newlyMutedSources.add(events.get(i).source());
            }
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new AlertInboxUnavailableException(
          "Could not store "
              + events.size()
              + " alert event(s) in table alert_inbox: "
              + PendingAlerts.reason(e)
              + ". Nothing was stored; the sender retries. Check the store's health (/readyz).",
          e);
    }
    for (int i = 0; i < newlyMuted.size(); i++) {
      AlertMetrics.counter(
              registry,
              AlertMetrics.MUTED,
              "source",
              newlyMutedSources.get(i),
              "rule",
              newlyMuted.get(i).name())
          .increment();
    }
    return fresh;
  }

  /**
   * Up to {@code limit} undelivered, unmuted rows that are due now, in arrival order. A row is left
   * out while an earlier row of the same thread and channel waits for a retry, so a thread's
   * messages are never posted out of order.
   *
   * @throws AlertInboxUnavailableException if the store cannot answer
   */
  public List<PendingAlert> pending(int limit) {
    return reads.pending(limit, clock.instant());
  }

  /** Undelivered groups (all channels), oldest first, at most {@code limit}. */
  List<PendingGroup> pendingGroups(int limit) {
    return reads.pendingGroups(limit, clock.instant());
  }

  /** The undelivered rows of one group in one channel, in arrival order. */
  List<PendingAlert> groupRows(String channel, String threadKey, int limit) {
    return reads.groupRows(channel, threadKey, limit);
  }

  /** How many rows wait for delivery and since when. */
  PendingAlerts.Depth depth() {
    return reads.depth();
  }

  /** Counts a failed delivery of each row in {@code ids} and defers them until {@code next}. */
  void markAttemptsFailed(List<Long> ids, Instant next) {
    reads.markAttemptsFailed(ids, next);
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Records that row {@code id} was posted; false if it was already marked or does not exist. */
  public boolean markDelivered(long id, Instant deliveredAt) {
    return reads.markDelivered(id, deliveredAt);
  }

  /** Counts a failed delivery of row {@code id} and defers it until {@code nextAttempt}. */
  public boolean markAttemptFailed(long id, Instant nextAttempt) {
    return reads.markAttemptFailed(id, nextAttempt);
  }

  private static void bind(
      PreparedStatement insert, AlertEvent event, Row row, OffsetDateTime now, String payload)
      throws SQLException {
    insert.setObject(1, now);
    insert.setString(2, event.source());
    insert.setString(3, event.threadKey());
    insert.setString(4, event.dedupeKey());
    insert.setString(5, row.destination());
    insert.setString(6, event.status().name());
    insert.setString(7, row.channel());
    insert.setString(8, row.mutedBy());
    insert.setString(9, payload);
    insert.setObject(10, now);
  }

  private static List<Row> rows(Routing routing) {
    if (routing instanceof Routing.Muted muted) {
      return List.of(
          new Row(MUTED_DESTINATION, null, "mutes[" + muted.index() + "] " + muted.name()));
    }
    return ((Routing.Deliver) routing)
        .channels().stream().map(channel -> new Row(channel, channel, null)).toList();
  }

  // A failed rollback must not hide why the insert failed; the pool discards a broken connection.
  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private record Row(String destination, String channel, String mutedBy) {}
}
