package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Group parents in tables {@code alert_threads} and {@code alert_group_instances}. Every change of
 * a group (thread opened, instances updated, thread closed) is written in one transaction together
 * with the inbox rows it delivers, so a crash leaves either all of it or none, and the rows are
 * then simply delivered again (an update in place shows the same state again).
 */
final class JdbcAlertGroupParents {

  private static final String SELECT_OPEN =
      "SELECT id, thread_key, channel, parent_channel, parent_ts, first_seen_at, action_id,"
          + " acked_by, acked_by_name, acked_at, severity FROM alert_threads"
          + " WHERE open_hash = ? AND channel = ? AND thread_key = ?";
  private static final String SELECT_BY_ACTION =
      "SELECT id, thread_key, channel, parent_channel, parent_ts, first_seen_at, action_id,"
          + " acked_by, acked_by_name, acked_at, severity FROM alert_threads WHERE action_id = ?";
  private static final String INSTANCES =
      "SELECT instance_key, payload, first_row FROM alert_group_instances WHERE thread_id = ?";
  private static final String SUPERSEDE =
      "UPDATE alert_threads SET status = 'SUPERSEDED', open_hash = NULL"
          + " WHERE open_hash = ? AND channel = ?";
  private static final String INSERT_THREAD =
      "INSERT INTO alert_threads (thread_key, thread_hash, channel, parent_channel, parent_ts,"
          + " parent_kind, status, first_seen_at, open_hash, action_id, parent_event, opened_at,"
          + " severity) VALUES (?, ?, ?, ?, ?, 'SINGLE', 'OPEN', ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE_THREAD =
      "UPDATE alert_threads SET parent_event = ?, severity = ? WHERE id = ?";
  private static final String CLOSE_THREAD =
      "UPDATE alert_threads SET status = 'RESOLVED', resolved_at = ?, open_hash = NULL"
          + " WHERE id = ? AND open_hash IS NOT NULL";
  private static final String DELETE_INSTANCE =
      "DELETE FROM alert_group_instances WHERE thread_id = ? AND instance_key = ?";
  private static final String INSERT_INSTANCE =
      "INSERT INTO alert_group_instances (thread_id, instance_key, status, payload, first_row)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String DELIVERED =
      "UPDATE alert_inbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL";
  private static final String OPENED_SINCE =
      "SELECT COUNT(*) FROM alert_threads WHERE channel = ? AND opened_at >= ?";
  private static final String DIGEST_GROUPS =
      "SELECT t.id, t.thread_key, t.parent_channel, t.parent_ts, t.severity, t.parent_event,"
          + " t.open_hash, t.resolved_at,"
          + " (SELECT COUNT(*) FROM alert_group_instances i WHERE i.thread_id = t.id"
          + "   AND i.status = 'FIRING') AS firing,"
          + " (SELECT COUNT(*) FROM alert_group_instances i WHERE i.thread_id = t.id) AS total"
          + " FROM alert_threads t WHERE t.channel = ?"
          + " AND (t.open_hash IS NOT NULL OR t.opened_at >= ?) ORDER BY t.id";

  private final DataSource dataSource;
  private final AlertEventJson json = new AlertEventJson();

  JdbcAlertGroupParents(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** The open parent of {@code threadKey} in {@code channel}, with its instances. */
  Optional<GroupParent> open(String threadKey, String channel) {
    return open(threadKey, channel, true);
  }

  /**
   * As {@link #open(String, String)}; without {@code instances} the state is left empty, which is
   * all planning needs (reading every instance of every group on each pass would be wasted).
   */
  Optional<GroupParent> open(String threadKey, String channel, boolean instances) {
    String hash = JdbcAlertThreads.hash(threadKey);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(SELECT_OPEN)) {
      select.setString(1, hash);
      select.setString(2, channel);
      select.setString(3, threadKey);
      return one(connection, select, instances);
    } catch (SQLException e) {
      throw failed("look up the open parent of an alert group in channel " + channel, e);
    }
  }

  /** The parent whose buttons carry {@code actionId}, open or not, with its instances. */
  Optional<GroupParent> byActionId(String actionId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(SELECT_BY_ACTION)) {
      select.setString(1, actionId);
      return one(connection, select, true);
    } catch (SQLException e) {
      throw failed("look up the alert group of a button", e);
    }
  }

  /**
   * Records a newly posted parent with the instances it shows and marks {@code delivered} rows; an
   * older open parent of the same group and channel is superseded.
   */
  void opened(
      String threadKey,
      String channel,
      MessageRef parent,
      Instant firstSeen,
      String actionId,
      AlertGroupState.Applied applied,
      List<Long> delivered,
      Instant now,
      boolean closed) {
    String hash = JdbcAlertThreads.hash(threadKey);
    inTransaction(
        "record the Slack parent of an alert group in channel " + channel,
        connection -> {
          try (PreparedStatement supersede = connection.prepareStatement(SUPERSEDE);
              PreparedStatement insert =
                  connection.prepareStatement(INSERT_THREAD, new String[] {"id"})) {
            supersede.setString(1, hash);
            supersede.setString(2, channel);
            supersede.executeUpdate();
            insert.setString(1, threadKey);
            insert.setString(2, hash);
            insert.setString(3, channel);
            insert.setString(4, parent.channel());
            insert.setString(5, parent.ts());
            insert.setObject(6, JdbcAlertInbox.utc(firstSeen));
            insert.setString(7, hash);
            insert.setString(8, actionId);
            insert.setString(9, json.write(applied.state().representative()));
            insert.setObject(10, JdbcAlertInbox.utc(now));
            insert.setString(11, applied.state().severity());
            insert.executeUpdate();
            long id;
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
            writeInstances(connection, id, applied.changed());
            markDelivered(connection, delivered, now);
            if (closed) {
              close(connection, id, now);
            }
          }
        });
  }

  /** Writes the changed instances of an open parent and marks {@code delivered} rows. */
  void updated(
      GroupParent parent,
      AlertGroupState.Applied applied,
      List<Long> delivered,
      Instant now,
      Instant closedAt) {
    inTransaction(
        "update the alert group of channel " + parent.channel(),
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(UPDATE_THREAD)) {
            update.setString(1, json.write(applied.state().representative()));
            String severity = applied.state().severity();
            update.setString(
                2,
                AlertGroupState.rank(severity) >= AlertGroupState.rank(parent.severity())
                    ? severity
                    : parent.severity());
            update.setLong(3, parent.id());
            update.executeUpdate();
          }
          writeInstances(connection, parent.id(), applied.changed());
          markDelivered(connection, delivered, now);
          if (closedAt != null) {
            close(connection, parent.id(), closedAt);
          }
        });
  }

  /** How many parents were posted in {@code channel} since {@code since}. */
  int openedSince(String channel, Instant since) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count = connection.prepareStatement(OPENED_SINCE)) {
      count.setString(1, channel);
      count.setObject(2, JdbcAlertInbox.utc(since));
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw failed("count the alert groups opened in channel " + channel, e);
    }
  }

  /**
   * Groups a digest of {@code channel} lists: open ones, and those resolved since {@code since}.
   */
  List<AlertDigestMessages.Line> digestGroups(String channel, Instant since) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(DIGEST_GROUPS)) {
      select.setString(1, channel);
      select.setObject(2, JdbcAlertInbox.utc(since));
      List<AlertDigestMessages.Line> lines = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String event = rows.getString("parent_event");
          AlertEvent shown = event == null ? null : json.read(event, rows.getLong("id"));
          int firing = rows.getInt("firing");
          int total = rows.getInt("total");
          lines.add(
              new AlertDigestMessages.Line(
                  rows.getString("thread_key"),
                  shown == null ? "Unnamed alert" : AlertMessages.title(shown),
                  rows.getString("severity"),
                  firing,
                  total - firing,
                  rows.getString("open_hash") != null,
                  new MessageRef(rows.getString("parent_channel"), rows.getString("parent_ts"))));
        }
      }
      return lines;
    } catch (SQLException e) {
      throw failed("list the alert groups of channel " + channel, e);
    }
  }

  private Optional<GroupParent> one(
      Connection connection, PreparedStatement select, boolean withInstances) throws SQLException {
    GroupParent found;
    try (ResultSet row = select.executeQuery()) {
      if (!row.next()) {
        return Optional.empty();
      }
      OffsetDateTime firstSeen = row.getObject("first_seen_at", OffsetDateTime.class);
      found =
          new GroupParent(
              row.getLong("id"),
              row.getString("thread_key"),
              row.getString("channel"),
              new MessageRef(row.getString("parent_channel"), row.getString("parent_ts")),
              firstSeen.toInstant(),
              row.getString("action_id"),
              JdbcAlertThreads.acknowledgement(row),
              row.getString("severity"),
              AlertGroupState.EMPTY);
    }
    if (!withInstances) {
      return Optional.of(found);
    }
    Map<String, AlertGroupState.Instance> instances = new LinkedHashMap<>();
    try (PreparedStatement select2 = connection.prepareStatement(INSTANCES)) {
      select2.setLong(1, found.id());
      try (ResultSet rows = select2.executeQuery()) {
        while (rows.next()) {
          String key = rows.getString("instance_key");
          instances.put(
              key,
              new AlertGroupState.Instance(
                  key,
                  json.read(rows.getString("payload"), found.id()),
                  rows.getLong("first_row")));
        }
      }
    }
    AlertGroupState state =
        new AlertGroupState(instances).apply(List.of()).state(); // sorted by arrival
    return Optional.of(
        new GroupParent(
            found.id(),
            found.threadKey(),
            found.channel(),
            found.parent(),
            found.firstSeen(),
            found.actionId(),
            found.acknowledgement(),
            found.severity(),
            state));
  }

  private void writeInstances(
      Connection connection, long threadId, List<AlertGroupState.Instance> changed)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(DELETE_INSTANCE);
        PreparedStatement insert = connection.prepareStatement(INSERT_INSTANCE)) {
      for (AlertGroupState.Instance instance : changed) {
        delete.setLong(1, threadId);
        delete.setString(2, instance.key());
        delete.addBatch();
        insert.setLong(1, threadId);
        insert.setString(2, instance.key());
        insert.setString(3, instance.event().status().name());
        insert.setString(4, json.write(instance.event()));
        insert.setLong(5, instance.firstRow());
        insert.addBatch();
      }
      if (!changed.isEmpty()) {
        delete.executeBatch();
        insert.executeBatch();
      }
    }
  }

  private static void markDelivered(Connection connection, List<Long> ids, Instant at)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(DELIVERED)) {
      for (long id : ids) {
        update.setObject(1, JdbcAlertInbox.utc(at));
        update.setLong(2, id);
        update.addBatch();
      }
      if (!ids.isEmpty()) {
        update.executeBatch();
      }
    }
  }

  private static void close(Connection connection, long id, Instant at) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(CLOSE_THREAD)) {
      update.setObject(1, JdbcAlertInbox.utc(at));
      update.setLong(2, id);
      update.executeUpdate();
    }
  }

  private interface Work {
    void run(Connection connection) throws SQLException;
  }

  private void inTransaction(String what, Work work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failed(what, e);
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
