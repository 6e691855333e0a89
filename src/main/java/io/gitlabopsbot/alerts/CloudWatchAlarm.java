package io.gitlabopsbot.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A CloudWatch alarm state change, as CloudWatch publishes it in an SNS notification's {@code
 * Message}. Only the fields the bot shows or keys on are read.
 *
 * @param region the region's display name, e.g. {@code Asia Pacific (Tokyo)}; the region code is
 *     taken from {@link #alarmArn()}
 * @param stateChangeTime as sent, e.g. {@code 2026-11-25T16:05:00.123+0000}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudWatchAlarm(
    @JsonProperty("AlarmName") String alarmName,
    @JsonProperty("AlarmDescription") String alarmDescription,
    @JsonProperty("AWSAccountId") String accountId,
    @JsonProperty("NewStateValue") String newStateValue,
    @JsonProperty("NewStateReason") String newStateReason,
    @JsonProperty("StateChangeTime") String stateChangeTime,
    @JsonProperty("Region") String region,
    @JsonProperty("AlarmArn") String alarmArn,
    @JsonProperty("OldStateValue") String oldStateValue,
    @JsonProperty("Trigger") Trigger trigger) {

  public static final String ALARM = "ALARM";
  public static final String OK = "OK";
  public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

  private static final Set<String> STATES = Set.of(ALARM, OK, INSUFFICIENT_DATA);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  // CloudWatch writes offsets without a colon (+0000); ISO forms with +00:00 or Z are accepted too.
  private static final DateTimeFormatter STATE_CHANGE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .appendPattern("[XXX][XX]")
          .toFormatter();

  /**
   * The metric condition of a metric alarm; absent for composite alarms.
   *
   * @param threshold null for anomaly-detection alarms, which have a band instead
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Trigger(
      @JsonProperty("MetricName") String metricName,
      @JsonProperty("Namespace") String namespace,
      @JsonProperty("Statistic") String statistic,
      @JsonProperty("Period") Integer period,
      @JsonProperty("Threshold") Double threshold,
      @JsonProperty("ComparisonOperator") String comparisonOperator,
      @JsonProperty("Dimensions") List<Dimension> dimensions) {

    public Trigger {
      dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }
  }

  /** One metric dimension; CloudWatch spells these keys in lower case. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Dimension(@JsonProperty("name") String name, @JsonProperty("value") String value) {}

  /**
   * Reads the alarm from an SNS notification's {@code Message}.
   *
   * @throws MalformedException when it is not a CloudWatch alarm state change
   */
  public static CloudWatchAlarm parse(String message) {
    CloudWatchAlarm alarm;
    try {
      alarm = JSON.readValue(message, CloudWatchAlarm.class);
    } catch (IOException e) {
      throw new MalformedException("the SNS Message is not CloudWatch alarm JSON", e);
    }
    if (alarm == null || alarm.alarmName() == null || alarm.alarmName().isBlank()) {
      throw new MalformedException("the SNS Message has no AlarmName", null);
    }
    if (!STATES.contains(alarm.newStateValue())) {
      throw new MalformedException(
          "alarm " + alarm.alarmName() + " has no NewStateValue among " + STATES, null);
    }
    if (alarm.stateChangedAt().isEmpty()) {
      throw new MalformedException(
          "alarm " + alarm.alarmName() + " has no readable StateChangeTime", null);
    }
    return alarm;
  }

  /** When the alarm entered its new state; empty when StateChangeTime is absent or unreadable. */
  public Optional<Instant> stateChangedAt() {
    if (stateChangeTime == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(stateChangeTime, STATE_CHANGE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The region code (e.g. {@code ap-northeast-1}) from the alarm ARN, if it has one. */
  public Optional<String> regionCode() {
    return arnPart(3);
  }

  /** The ARN partition: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, if the ARN is present. */
  public Optional<String> partition() {
    return arnPart(1);
  }

  private Optional<String> arnPart(int index) {
    if (alarmArn == null) {
      return Optional.empty();
    }
    String[] parts = alarmArn.split(":", 7);
    return parts.length == 7 && "arn".equals(parts[0]) && !parts[index].isEmpty()
        ? Optional.of(parts[index])
        : Optional.empty();
  }

  /** The message is not a CloudWatch alarm; the endpoint answers 400. */
  public static final class MalformedException extends RuntimeException {
    public MalformedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
