package io.gitlabopsbot.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON form of an {@link AlertEvent} kept in the inbox's {@code payload} column. */
final class AlertEventJson {

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // Rows written by a newer release may carry fields this one does not know.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  String write(AlertEvent event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert event could not be written as JSON", e);
    }
  }

  AlertEvent read(String json, long id) {
    try {
      return mapper.readValue(json, AlertEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "alert_inbox row " + id + " holds a payload that is not an alert event", e);
    }
  }
}
