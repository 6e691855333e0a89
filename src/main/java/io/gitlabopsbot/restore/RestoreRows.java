package io.gitlabopsbot.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gitlabopsbot.store.Jdbc;
import io.gitlabopsbot.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** Maps rows of table {@code restore_operation} and its JSON column of replica counts. */
final class RestoreRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, Integer>> REPLICAS = new TypeReference<>() {};

  private RestoreRows() {}

  static RestoreOperation read(ResultSet rows) throws SQLException {
    String replicas = rows.getString("replicas");
    return new RestoreOperation(
        rows.getString("id"),
        rows.getString("target"),
        rows.getString("namespace"),
        rows.getString("backup_id"),
        rows.getString("approval_id"),
        rows.getString("requester_id"),
        rows.getString("correlation_id"),
        rows.getString("owner_id"),
        RestoreOperation.Status.valueOf(rows.getString("status")),
        RestorePhase.valueOf(rows.getString("phase")),
        replicas == null ? Map.of() : fromJson(replicas, rows.getString("id")),
        rows.getString("job_name"),
        rows.getString("message_channel"),
        rows.getString("message_ts"),
        rows.getString("detail"),
        Jdbc.instant(rows, "started_at"),
        Jdbc.instant(rows, "heartbeat_at"));
  }

  static String toJson(Map<String, Integer> replicas) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(replicas));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of names to numbers always serialises to JSON", e);
    }
  }

  private static Map<String, Integer> fromJson(String text, String id) {
    try {
      return JSON.readValue(text, REPLICAS);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "The recorded replica counts of restore "
              + id
              + " in table restore_operation are not a JSON object of numbers; the row was altered"
              + " outside the bot. Check the Deployments by hand (kubectl get deploy).",
          e);
    }
  }
}
