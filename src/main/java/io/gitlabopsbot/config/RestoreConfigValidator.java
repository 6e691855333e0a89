package io.gitlabopsbot.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validates the {@code restore} section. */
final class RestoreConfigValidator {

  // key=value terms only; the same shape the Kubernetes adapter accepts.
  private static final Pattern SELECTOR =
      Pattern.compile(
          "[A-Za-z0-9][-A-Za-z0-9_./]*=[A-Za-z0-9]?[-A-Za-z0-9_.]*"
              + "(,[A-Za-z0-9][-A-Za-z0-9_./]*=[A-Za-z0-9]?[-A-Za-z0-9_.]*)*");
  private static final Duration MAX_TTL = Duration.ofHours(24);

  private final Problems problems;

  RestoreConfigValidator(Problems problems) {
    this.problems = problems;
  }

  RestoreConfig validate(RawConfig.Restore raw) {
    RestoreConfig d = RestoreConfig.defaults();
    if (raw == null) {
      return d;
    }
    Duration ttl = duration(raw.approvalTtl(), "restore.approvalTtl", d.approvalTtl());
    if (ttl.compareTo(MAX_TTL) > 0) {
      problems.add(
          "restore.approvalTtl: "
              + raw.approvalTtl()
              + " is too long; an approval should be given while the request is fresh (at most"
              + " 24h)");
    }
    List<String> selectors = new ArrayList<>();
    List<String> given = raw.deployments() == null ? List.of() : raw.deployments();
    for (int i = 0; i < given.size(); i++) {
      String selector = given.get(i) == null ? "" : given.get(i).replace(" ", "");
      problems.check(
          SELECTOR,
          selector,
          "restore.deployments[" + i + "]",
          "a label selector of key=value terms such as app=kas");
      selectors.add(selector);
    }
    return new RestoreConfig(
        ttl,
        Objects.requireNonNullElse(raw.preRestoreBackup(), d.preRestoreBackup()),
        selectors,
        duration(raw.readyTimeout(), "restore.readyTimeout", d.readyTimeout()),
        duration(raw.activeDeadline(), "restore.activeDeadline", d.activeDeadline()),
        Objects.requireNonNullElse(raw.typedConfirmation(), d.typedConfirmation()));
  }

  private Duration duration(String text, String key, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    Duration parsed = Durations.parse(text);
    if (parsed == null || parsed.isZero()) {
      problems.add(key + ": `" + text + "` is not a duration; write e.g. 90s, 15m, 6h or 30d");
      return fallback;
    }
    return parsed;
  }
}
