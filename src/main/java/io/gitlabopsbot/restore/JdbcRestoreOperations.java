package io.gitlabopsbot.restore;

import static io.gitlabopsbot.store.Jdbc.utc;

import io.gitlabopsbot.store.Jdbc;
import io.gitlabopsbot.store.StoreException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link RestoreOperations} in the bot's relational store (table {@code restore_operation}). */
public final class JdbcRestoreOperations implements RestoreOperations {

  private static final String COLUMNS =
      "id, target, namespace, backup_id, approval_id, requester_id, correlation_id, owner_id,"
          + " status, phase, replicas, job_name, message_channel, message_ts, detail, started_at,"
          + " heartbeat_at";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM restore_operation WHERE ";
  private static final String UNIQUE_VIOLATION = "23505";

  private final Jdbc jdbc;
  private final Clock clock;

  public JdbcRestoreOperations(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(Objects.requireNonNull(dataSource, "dataSource"), "restore_operation");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean begin(RestoreOperation o) {
    String sql =
        "INSERT INTO restore_operation ("
            + COLUMNS
            + ", active_target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try {
      update(
          "store restore " + o.id(),
          sql,
          o.id(),
          o.target(),
          o.namespace(),
          o.backupId(),
          o.approvalId(),
          o.requesterId(),
          o.correlationId(),
          o.ownerId(),
          RestoreOperation.Status.RUNNING.name(),
          o.phase().name(),
          o.replicas().isEmpty() ? null : RestoreRows.toJson(o.replicas()),
          o.jobName(),
          o.messageChannel(),
          o.messageTs(),
          o.detail(),
          utc(o.startedAt()),
          utc(o.heartbeatAt()),
          o.target());
      return true;
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql2
          && UNIQUE_VIOLATION.equals(sql2.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<RestoreOperation> find(String id) {
    return query("read restore " + id, SELECT + "id = ?", id).stream().findFirst();
  }

  @Override
  public Optional<RestoreOperation> active(String target) {
    return query("read the running restore of " + target, SELECT + "active_target = ?", target)
        .stream()
        .findFirst();
  }

  @Override
  public void phase(String id, RestorePhase phase) {
    set(id, "phase = ?", phase.name());
  }

  @Override
  public void recordReplicas(String id, Map<String, Integer> replicas) {
    set(id, "replicas = ?", RestoreRows.toJson(replicas));
  }

  @Override
  public void jobName(String id, String jobName) {
    set(id, "job_name = ?", jobName);
  }

  @Override
  public void message(String id, String channel, String ts) {
    set(id, "message_channel = ?, message_ts = ?", channel, ts);
  }

  @Override
  public boolean finish(String id, RestoreOperation.Status status, String detail) {
    if (status == RestoreOperation.Status.RUNNING) {
      throw new IllegalArgumentException("a restore finishes as SUCCEEDED, FAILED or UNKNOWN");
    }
    String sql =
        "UPDATE restore_operation SET status = ?, detail = ?, finished_at = ?, active_target = NULL"
            + " WHERE id = ? AND status = 'RUNNING'";
    return update("finish restore " + id, sql, status.name(), cut(detail), now(), id) == 1;
  }

  @Override
  public int heartbeat(String ownerId, Instant now) {
    String sql =
        "UPDATE restore_operation SET heartbeat_at = ? WHERE owner_id = ? AND status = 'RUNNING'";
    return update("refresh restore heartbeats", sql, utc(now), ownerId);
  }

  @Override
  public List<RestoreOperation> markStaleUnknown(Instant staleBefore) {
    List<RestoreOperation> marked = new ArrayList<>();
    String sql =
        "UPDATE restore_operation SET status = 'UNKNOWN', finished_at = ?, active_target = NULL"
            + " WHERE id = ? AND status = 'RUNNING' AND heartbeat_at < ?";
    for (RestoreOperation stale :
        query(
            "read interrupted restores",
            SELECT + "status = 'RUNNING' AND heartbeat_at < ? ORDER BY started_at",
            utc(staleBefore))) {
      // Another replica may sweep at the same time; only the one whose update wins reports it.
      if (update(
              "mark restore " + stale.id() + " unknown", sql, now(), stale.id(), utc(staleBefore))
          == 1) {
        marked.add(find(stale.id()).orElse(stale));
      }
    }
    return marked;
  }

  private void set(String id, String assignments, Object... values) {
    Object[] all = new Object[values.length + 1];
    System.arraycopy(values, 0, all, 0, values.length);
    all[values.length] = id;
    update(
        "update restore " + id,
        "UPDATE restore_operation SET " + assignments + " WHERE id = ?",
        all);
  }

  private int update(String what, String sql, Object... values) {
    return jdbc.update(what, sql, values);
  }

  private List<RestoreOperation> query(String what, String sql, Object... values) {
    return jdbc.query(what, sql, RestoreRows::read, values);
  }

  private OffsetDateTime now() {
    return utc(clock.instant());
  }

  private static String cut(String detail) {
    return detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 1999) + "…";
  }
}
