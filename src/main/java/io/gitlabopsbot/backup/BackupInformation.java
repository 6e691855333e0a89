package io.gitlabopsbot.backup;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code backup_information.yml} inside a backup archive says. GitLab writes it from Ruby, so
 * keys are symbols ({@code :gitlab_version:}); unknown keys are ignored.
 *
 * @param createdAt null when the file has no readable {@code :backup_created_at:}
 * @param installationType e.g. {@code gitlab-helm-chart}; null when absent
 * @param skipped components left out of the backup, e.g. {@code registry}
 * @param dbVersion the schema version of the database dump; null when absent
 */
public record BackupInformation(
    String gitlabVersion,
    Instant createdAt,
    String installationType,
    List<String> skipped,
    String dbVersion) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  // Ruby writes "2026-11-25 01:00:07 +0000" or, via Time#to_yaml, with a fraction and "+00:00".
  private static final DateTimeFormatter TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  public BackupInformation {
    Objects.requireNonNull(gitlabVersion, "gitlabVersion");
    skipped = List.copyOf(skipped);
  }

  /**
   * Reads the file's text.
   *
   * @throws IllegalArgumentException if it is not YAML or has no {@code :gitlab_version:}
   */
  public static BackupInformation parse(String yaml) {
    Map<String, Object> raw;
    try {
      Object parsed = YAML.readValue(yaml, Object.class);
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("backup_information.yml is not a YAML mapping");
      }
      raw = new LinkedHashMap<>();
      map.forEach((key, value) -> raw.put(symbol(String.valueOf(key)), value));
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "backup_information.yml is not valid YAML (line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + ")",
          e);
    }
    String version = text(raw.get("gitlab_version"));
    if (version == null) {
      throw new IllegalArgumentException("backup_information.yml has no :gitlab_version:");
    }
    return new BackupInformation(
        version,
        time(text(raw.get("backup_created_at"))),
        text(raw.get("installation_type")),
        list(raw.get("skipped")),
        text(raw.get("db_version")));
  }

  private static String symbol(String key) {
    return key.startsWith(":") ? key.substring(1) : key;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value).strip();
    return text.isEmpty() ? null : text;
  }

  private static List<String> list(Object value) {
    if (value instanceof Collection<?> items) {
      return items.stream()
          .map(String::valueOf)
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    }
    String text = text(value);
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Instant time(String text) {
    if (text == null) {
      return null;
    }
    try {
      TemporalAccessor parsed = TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
      return parsed instanceof OffsetDateTime odt
          ? odt.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
