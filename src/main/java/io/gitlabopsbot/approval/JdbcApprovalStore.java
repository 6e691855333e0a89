package io.gitlabopsbot.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gitlabopsbot.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/** {@link ApprovalStore} in the bot's relational store (table {@code approval_request}). */
public final class JdbcApprovalStore implements ApprovalStore {

  private static final String COLUMNS =
      "id, kind, target, namespace, release_name, parameters, requester_id, correlation_id,"
          + " operation_hash, status, created_at, expires_at, decided_by, decided_at, outcome,"
          + " message_channel, message_ts, excluded_approvers";
  private static final String INSERT =
      "INSERT INTO approval_request ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FIND = "SELECT " + COLUMNS + " FROM approval_request WHERE id = ?";
  private static final String PENDING_DUE =
      "SELECT "
          + COLUMNS
          + " FROM approval_request WHERE status = 'PENDING' AND expires_at <= ?"
          + " ORDER BY expires_at, id LIMIT ?";
  private static final String DECIDE =
      "UPDATE approval_request SET status = ?, decided_by = ?, decided_at = ?"
          + " WHERE id = ? AND status = 'PENDING' AND expires_at > ?";
  private static final String EXPIRE =
      "UPDATE approval_request SET status = 'EXPIRED', decided_at = ?"
          + " WHERE id = ? AND status = 'PENDING' AND expires_at <= ?";
  private static final String CLAIM =
      "UPDATE approval_request SET status = 'EXECUTING'"
          + " WHERE id = ? AND status = 'APPROVED' AND operation_hash = ?";
  private static final String COMPLETE =
      "UPDATE approval_request SET status = 'COMPLETED', outcome = ?, completed_at = ?"
          + " WHERE id = ? AND status = 'EXECUTING'";
  private static final String ATTACH =
      "UPDATE approval_request SET message_channel = ?, message_ts = ? WHERE id = ?";

  private static final TypeReference<TreeMap<String, String>> PARAMETERS = new TypeReference<>() {};
  private static final TypeReference<TreeSet<String>> USERS = new TypeReference<>() {};

  private final DataSource dataSource;
  private final ObjectMapper json = new ObjectMapper();

  public JdbcApprovalStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public void insert(ApprovalRequest r) {
    ApprovalSubject s = r.subject();
    update(
        "store approval request " + r.id(),
        INSERT,
        r.id(),
        s.kind(),
        s.target(),
        s.namespace(),
        s.release(),
        toJson(new TreeMap<>(s.parameters())),
        s.requesterId(),
        s.correlationId(),
        r.operationHash(),
        r.status().name(),
        utc(r.createdAt()),
        utc(r.expiresAt()),
        r.decidedBy(),
        utc(r.decidedAt()),
        r.outcome(),
        r.messageChannel(),
        r.messageTs(),
        s.alsoExcluded().isEmpty() ? null : toJson(s.alsoExcluded()));
  }

  @Override
  public Optional<ApprovalRequest> find(String id) {
    List<ApprovalRequest> rows = query("read approval request " + id, FIND, id);
    return rows.stream().findFirst();
  }

  @Override
  public boolean decide(String id, ApprovalStatus to, String decidedBy, Instant now) {
    if (to != ApprovalStatus.APPROVED && to != ApprovalStatus.REJECTED) {
      throw new IllegalArgumentException("a decision is APPROVED or REJECTED, not " + to);
    }
    return update(
            "decide approval request " + id, DECIDE, to.name(), decidedBy, utc(now), id, utc(now))
        == 1;
  }

  @Override
  public boolean expire(String id, Instant now) {
    return update("expire approval request " + id, EXPIRE, utc(now), id, utc(now)) == 1;
  }

  @Override
  public List<ApprovalRequest> pendingDue(Instant now, int limit) {
    return query("read overdue approval requests", PENDING_DUE, utc(now), limit);
  }

  @Override
  public boolean claim(String id, String operationHash) {
    return update("claim approval request " + id, CLAIM, id, operationHash) == 1;
  }

  @Override
  public boolean complete(String id, String outcome, Instant now) {
    return update("complete approval request " + id, COMPLETE, outcome, utc(now), id) == 1;
  }

  @Override
  public boolean attachMessage(String id, String channel, String ts) {
    return update("record the message of approval request " + id, ATTACH, channel, ts, id) == 1;
  }

  private int update(String what, String sql, Object... values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private List<ApprovalRequest> query(String what, String sql, Object... values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      try (ResultSet rows = statement.executeQuery()) {
        List<ApprovalRequest> out = new ArrayList<>();
        while (rows.next()) {
          out.add(read(rows));
        }
        return out;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private ApprovalRequest read(ResultSet rows) throws SQLException {
    ApprovalSubject subject =
        new ApprovalSubject(
            rows.getString("kind"),
            rows.getString("target"),
            rows.getString("namespace"),
            rows.getString("release_name"),
            fromJson(rows.getString("parameters"), rows.getString("id")),
            rows.getString("requester_id"),
            rows.getString("correlation_id"),
            users(rows.getString("excluded_approvers"), rows.getString("id")));
    return new ApprovalRequest(
        rows.getString("id"),
        subject,
        rows.getString("operation_hash"),
        ApprovalStatus.valueOf(rows.getString("status")),
        instant(rows, "created_at"),
        instant(rows, "expires_at"),
        rows.getString("decided_by"),
        instant(rows, "decided_at"),
        rows.getString("outcome"),
        rows.getString("message_channel"),
        rows.getString("message_ts"));
  }

  private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private String toJson(Object parameters) {
    try {
      return json.writeValueAsString(parameters);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises to JSON", e);
    }
  }

  private Map<String, String> fromJson(String text, String id) {
    try {
      return json.readValue(text, PARAMETERS);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "The parameters of approval request "
              + id
              + " in table approval_request are not a JSON object of strings; the row was"
              + " altered outside the bot. Reject it and ask for a new approval.",
          e);
    }
  }

  private Set<String> users(String text, String id) {
    if (text == null) {
      return Set.of();
    }
    try {
      return json.readValue(text, USERS);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "The excluded approvers of approval request "
              + id
              + " in table approval_request are not a JSON array of strings; the row was"
              + " altered outside the bot. Reject it and ask for a new approval.",
          e);
    }
  }

  private static StoreException failure(String what, SQLException e) {
    return new StoreException(
        "Could not "
            + what
            + " in table approval_request: "
            + e.getMessage()
            + ". Check the store's health (/readyz) and try again.",
        e);
  }
}
