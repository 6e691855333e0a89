package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertThreads.ParentKind;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link AlertGroups} on table {@code alert_threads}, shared with {@link JdbcAlertThreads}. */
public final class JdbcAlertGroups implements AlertGroups {

  private static final String COLUMNS =
      "SELECT id, action_id, thread_key, channel, parent_channel, parent_ts, parent_kind,"
          + " open_hash, first_seen_at, parent_event, acked_by, acked_by_name, acked_at"
          + " FROM alert_threads";
  private static final String FIND = COLUMNS + " WHERE action_id = ?";
  private static final String ACKNOWLEDGE =
      "UPDATE alert_threads SET acked_by = ?, acked_by_name = ?, acked_at = ?"
          + " WHERE action_id = ? AND acked_by IS NULL AND open_hash IS NOT NULL";
  private static final String FIRING =
      COLUMNS + " WHERE open_hash IS NOT NULL ORDER BY first_seen_at DESC, id DESC LIMIT ?";
  private static final String COUNT =
      "SELECT COUNT(*) FROM alert_threads WHERE open_hash IS NOT NULL";

  private final DataSource dataSource;
  private final AlertEventJson json = new AlertEventJson();
  private final JdbcAlertGroupParents parents;

  public JdbcAlertGroups(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.parents = new JdbcAlertGroupParents(dataSource);
  }

  @Override
  public Optional<Thread> find(String actionId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(FIND)) {
      select.setString(1, actionId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(thread(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("look up the alert thread of a button", e);
    }
  }

  @Override
  public boolean acknowledge(String actionId, Acknowledgement ack) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(ACKNOWLEDGE)) {
      update.setString(1, ack.userId());
      update.setString(2, ack.userName());
      update.setObject(3, JdbcAlertInbox.utc(ack.at()));
      update.setString(4, actionId);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failed("record an acknowledgement", e);
    }
  }

  @Override
  public Optional<io.gitlabopsbot.message.Message> parentMessage(
      String actionId, AlertMessages.ParentControls controls) {
    return parents
        .byActionId(actionId)
        .filter(parent -> !parent.state().instances().isEmpty())
        .map(
            parent ->
                new AlertGroupMessages()
                    .parent(parent.state(), AlertGroupMessages.Shown.firing(controls)));
  }

  @Override
  public Firing firing(int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count = connection.prepareStatement(COUNT);
        PreparedStatement select = connection.prepareStatement(FIRING)) {
      int total;
      try (ResultSet row = count.executeQuery()) {
        row.next();
        total = row.getInt(1);
      }
      select.setInt(1, limit);
      List<Thread> newest = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          newest.add(thread(rows));
        }
      }
      return new Firing(Math.max(total, newest.size()), newest);
    } catch (SQLException e) {
      throw failed("list the firing alert groups", e);
    }
  }

  private Thread thread(ResultSet row) throws SQLException {
    String event = row.getString("parent_event");
    return new Thread(
        row.getString("action_id"),
        row.getString("thread_key"),
        row.getString("channel"),
        new MessageRef(row.getString("parent_channel"), row.getString("parent_ts")),
        ParentKind.valueOf(row.getString("parent_kind")),
        row.getString("open_hash") != null,
        row.getObject("first_seen_at", OffsetDateTime.class).toInstant(),
        event == null ? null : json.read(event, row.getLong("id")),
        JdbcAlertThreads.acknowledgement(row));
  }

  private static StoreException failed(String what, SQLException e) {
    return new StoreException(
        "Could not "
            + what
            + " in table alert_threads: "
            + PendingAlerts.reason(e)
            + ". Check the store's health (/readyz) and try again.",
        e);
  }
}
