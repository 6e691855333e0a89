package io.gitlabopsbot.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Creates and lists silences where alerts come from (Alertmanager). */
public interface Silences {

  /**
   * Creates a silence.
   *
   * @return the new silence's ID
   * @throws SilencesUnavailableException when it could not be created; nothing was silenced
   */
  String create(NewSilence silence);

  /**
   * The silences in force now.
   *
   * @param within how long to wait for the answer
   * @throws SilencesUnavailableException when they cannot be read
   */
  List<Silence> active(Duration within);

  /** Where silences are kept, for messages (e.g. the base URL); never a credential. */
  String where();

  /**
   * A silence to create: equality matchers on {@code matchers}.
   *
   * @param createdBy who asked, e.g. {@code jane (U0123ABCD) via Slack}
   */
  record NewSilence(
      Map<String, String> matchers,
      Instant startsAt,
      Instant endsAt,
      String createdBy,
      String comment) {
    public NewSilence {
      matchers = Map.copyOf(matchers);
      if (matchers.isEmpty()) {
        throw new IllegalArgumentException("a silence needs at least one matcher");
      }
      Objects.requireNonNull(startsAt, "startsAt");
      Objects.requireNonNull(endsAt, "endsAt");
      Objects.requireNonNull(createdBy, "createdBy");
      Objects.requireNonNull(comment, "comment");
    }
  }

  /** A silence as the API reports it. */
  record Silence(
      String id,
      List<SilenceMatcher> matchers,
      Instant startsAt,
      Instant endsAt,
      String createdBy,
      String comment) {
    public Silence {
      matchers = List.copyOf(matchers);
    }
  }

  /** One matcher of a silence, as Alertmanager writes it: {@code name=value}, {@code =~} etc. */
  record SilenceMatcher(String name, String value, boolean regex, boolean equal) {
    /** Alertmanager's notation, e.g. {@code alertname="GitlabDown"}. */
    public String text() {
      String operator = regex ? (equal ? "=~" : "!~") : (equal ? "=" : "!=");
      return name + operator + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  /** Thrown when the silence API cannot be reached or refuses; the message says what to do. */
  final class SilencesUnavailableException extends RuntimeException {
    public SilencesUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
