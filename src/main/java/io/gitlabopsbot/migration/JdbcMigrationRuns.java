package io.gitlabopsbot.migration;

import static io.gitlabopsbot.store.Jdbc.instant;
import static io.gitlabopsbot.store.Jdbc.utc;

import io.gitlabopsbot.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link MigrationRuns} in the bot's store (tables {@code migration_run}, {@code migration_step}).
 */
public final class JdbcMigrationRuns implements MigrationRuns {

  private static final String RUN_COLUMNS =
      "id, target, status, requester_id, created_at, updated_at, detail, abort_requested,"
          + " message_channel, message_ts";
  private static final String STEP_COLUMNS =
      "step_id, position, state, attempts, started_at, heartbeat_at, finished_at, detail,"
          + " approval_id, approved, step_value";
  private static final String UNFINISHED = "('RUNNING', 'WAITING_APPROVAL', 'PAUSED', 'QUEUED')";
  private static final int DETAIL_LIMIT = 4000;
  private static final int RUN_DETAIL_LIMIT = 2000;

  private final Jdbc jdbc;

  public JdbcMigrationRuns(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource, "migration_run/migration_step");
  }

  @Override
  public MigrationRun create(
      String id, String target, String requesterId, List<String> stepIds, Instant now) {
    return jdbc.inTransaction(
        "store migration run " + id,
        c -> {
          Jdbc.update(
              c,
              "INSERT INTO migration_run (id, target, status, requester_id, created_at,"
                  + " updated_at) VALUES (?, ?, 'RUNNING', ?, ?, ?)",
              id,
              target,
              requesterId,
              utc(now),
              utc(now));
          for (int i = 0; i < stepIds.size(); i++) {
            Jdbc.update(
                c,
                "INSERT INTO migration_step (run_id, step_id, position, state)"
                    + " VALUES (?, ?, ?, 'PENDING')",
                id,
                stepIds.get(i),
                i);
          }
          return load(c, id).orElseThrow();
        });
  }

  @Override
  public Optional<MigrationRun> find(String id) {
    return jdbc.inTransaction("read migration run " + id, c -> load(c, id));
  }

  @Override
  public Optional<MigrationRun> unfinished(String target) {
    return byTarget(target, " AND status IN " + UNFINISHED);
  }

  @Override
  public Optional<MigrationRun> latest(String target) {
    return byTarget(target, "");
  }

  private Optional<MigrationRun> byTarget(String target, String condition) {
    return jdbc.inTransaction(
        "read the migration runs of target " + target,
        c -> {
          List<String> ids =
              Jdbc.query(
                  c,
                  "SELECT id FROM migration_run WHERE target = ?"
                      + condition
                      + " ORDER BY created_at DESC, id DESC LIMIT 1",
                  row -> row.getString("id"),
                  target);
          return ids.isEmpty() ? Optional.empty() : load(c, ids.get(0));
        });
  }

  @Override
  public boolean setStatus(String runId, RunStatus from, RunStatus to, String detail, Instant now) {
    return jdbc.update(
            "change the status of migration run " + runId,
            "UPDATE migration_run SET status = ?, detail = ?, updated_at = ?"
                + " WHERE id = ? AND status = ?",
            to.name(),
            cut(detail, RUN_DETAIL_LIMIT),
            utc(now),
            runId,
            from.name())
        == 1;
  }

  @Override
  public boolean requestAbort(String runId, Instant now) {
    return jdbc.update(
            "request the abort of migration run " + runId,
            "UPDATE migration_run SET abort_requested = TRUE, updated_at = ?"
                + " WHERE id = ? AND status IN "
                + UNFINISHED,
            utc(now),
            runId)
        == 1;
  }

  @Override
  public void attachMessage(String runId, String channel, String ts) {
    jdbc.update(
        "record the message of migration run " + runId,
        "UPDATE migration_run SET message_channel = ?, message_ts = ? WHERE id = ?",
        channel,
        ts,
        runId);
  }

  @Override
  public boolean startStep(String runId, String stepId, Instant now) {
    return jdbc.update(
            "start step " + stepId + " of migration run " + runId,
            "UPDATE migration_step SET state = 'RUNNING', attempts = attempts + 1,"
                + " started_at = ?, heartbeat_at = ?, finished_at = NULL, detail = NULL"
                + " WHERE run_id = ? AND step_id = ? AND state IN ('PENDING', 'FAILED')"
                + " AND EXISTS (SELECT 1 FROM migration_run r WHERE r.id = ?"
                + " AND r.status = 'RUNNING')",
            utc(now),
            utc(now),
            runId,
            stepId,
            runId)
        == 1;
  }

  @Override
  public void heartbeat(String runId, String stepId, Instant now) {
    jdbc.update(
        "record the heartbeat of step " + stepId + " of migration run " + runId,
        "UPDATE migration_step SET heartbeat_at = ?"
            + " WHERE run_id = ? AND step_id = ? AND state = 'RUNNING'",
        utc(now),
        runId,
        stepId);
  }

  @Override
  public void recordValue(String runId, String stepId, String value) {
    jdbc.update(
        "record the result of step " + stepId + " of migration run " + runId,
        "UPDATE migration_step SET step_value = ? WHERE run_id = ? AND step_id = ? AND state = 'RUNNING'",
        cut(value, 1000),
        runId,
        stepId);
  }

  @Override
  public boolean finishStep(String runId, String stepId, StepState to, String detail, Instant now) {
    return jdbc.update(
            "finish step " + stepId + " of migration run " + runId,
            "UPDATE migration_step SET state = ?, detail = ?, finished_at = ?,"
                + " approved = FALSE WHERE run_id = ? AND step_id = ? AND state = 'RUNNING'",
            to.name(),
            cut(detail, DETAIL_LIMIT),
            utc(now),
            runId,
            stepId)
        == 1;
  }

  @Override
  public boolean resetStep(
      String runId, String stepId, StepState from, StepState to, String detail, Instant now) {
    if (from == StepState.RUNNING) {
      throw new IllegalArgumentException("a RUNNING step is finished, not reset");
    }
    return jdbc.update(
            "change step " + stepId + " of migration run " + runId,
            "UPDATE migration_step SET state = ?, detail = ?, finished_at = ?,"
                + " approval_id = NULL, approved = FALSE"
                + " WHERE run_id = ? AND step_id = ? AND state = ?",
            to.name(),
            cut(detail, DETAIL_LIMIT),
            utc(now),
            runId,
            stepId,
            from.name())
        == 1;
  }

  @Override
  public boolean askedApproval(String runId, String stepId, String approvalId) {
    return jdbc.update(
            "record the approval asked for step " + stepId + " of migration run " + runId,
            "UPDATE migration_step SET approval_id = ?, approved = FALSE"
                + " WHERE run_id = ? AND step_id = ? AND state IN ('PENDING', 'FAILED')",
            approvalId,
            runId,
            stepId)
        == 1;
  }

  @Override
  public boolean approved(String runId, String stepId, String approvalId) {
    return jdbc.update(
            "record the approval of step " + stepId + " of migration run " + runId,
            "UPDATE migration_step SET approved = TRUE WHERE run_id = ? AND step_id = ?"
                + " AND approval_id = ? AND approved = FALSE",
            runId,
            stepId,
            approvalId)
        == 1;
  }

  @Override
  public List<StaleStep> staleRunningSteps(Instant staleBefore) {
    return jdbc.query(
        "read running migration steps",
        "SELECT run_id, step_id, heartbeat_at FROM migration_step"
            + " WHERE state = 'RUNNING' AND heartbeat_at < ? ORDER BY run_id, position",
        row ->
            new StaleStep(
                row.getString("run_id"), row.getString("step_id"), instant(row, "heartbeat_at")),
        utc(staleBefore));
  }

  private static Optional<MigrationRun> load(Connection c, String id) throws SQLException {
    List<StepRecord> steps =
        Jdbc.query(
            c,
            "SELECT " + STEP_COLUMNS + " FROM migration_step WHERE run_id = ? ORDER BY position",
            JdbcMigrationRuns::step,
            id);
    List<MigrationRun> runs =
        Jdbc.query(
            c,
            "SELECT " + RUN_COLUMNS + " FROM migration_run WHERE id = ?",
            row -> run(row, steps),
            id);
    return runs.stream().findFirst();
  }

  private static MigrationRun run(ResultSet row, List<StepRecord> steps) throws SQLException {
    return new MigrationRun(
        row.getString("id"),
        row.getString("target"),
        RunStatus.valueOf(row.getString("status")),
        row.getString("requester_id"),
        instant(row, "created_at"),
        instant(row, "updated_at"),
        row.getString("detail"),
        row.getBoolean("abort_requested"),
        row.getString("message_channel"),
        row.getString("message_ts"),
        steps);
  }

  private static StepRecord step(ResultSet row) throws SQLException {
    return new StepRecord(
        row.getString("step_id"),
        row.getInt("position"),
        StepState.valueOf(row.getString("state")),
        row.getInt("attempts"),
        instant(row, "started_at"),
        instant(row, "heartbeat_at"),
        instant(row, "finished_at"),
        row.getString("detail"),
        row.getString("approval_id"),
        row.getBoolean("approved"),
        row.getString("step_value"));
  }

  private static String cut(String text, int limit) {
    if (text == null || text.length() <= limit) {
      return text;
    }
    return text.substring(0, limit - 1) + "…";
  }
}
