package io.gitlabopsbot.restore;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** The one progress message of a restore: every phase, the current one with its detail. */
final class RestoreView {

  private final RestorePlan plan;
  private final Progress progress;
  private final Clock clock;
  private final Instant started;
  private final Set<RestorePhase> skipped = EnumSet.noneOf(RestorePhase.class);
  private RestorePhase current;
  private String detail = "";
  private String shown;

  RestoreView(RestorePlan plan, Progress progress, Clock clock) {
    this.plan = plan;
    this.progress = progress;
    this.clock = clock;
    this.started = clock.instant();
  }

  Instant started() {
    return started;
  }

  RestorePhase current() {
    return current;
  }

  void skip(RestorePhase phase) {
    skipped.add(phase);
  }

  void enter(RestorePhase phase) {
    current = phase;
    detail = "";
    show();
  }

  /** Shows a detail of the current phase (e.g. the backup's or the Job's state). */
  void note(String text) {
    detail = text == null ? "" : text;
    show();
  }

  /** Adds a message in the thread of the progress message. */
  void thread(Message message) {
    progress.detail(message);
  }

  private void show() {
    StringBuilder text =
        new StringBuilder(":arrows_counterclockwise: Restore of `")
            .append(plan.target().name())
            .append("` from `")
            .append(plan.backupId())
            .append("`: *")
            .append(current.label())
            .append("* — ")
            .append(RestoreTexts.elapsed(Duration.between(started, clock.instant())))
            .append(" elapsed · reference `")
            .append(plan.correlationId())
            .append('`');
    for (RestorePhase phase : RestorePhase.values()) {
      text.append('\n').append(mark(phase)).append(' ').append(phase.label());
      if (phase == current && !detail.isBlank()) {
        text.append(" — ").append(detail);
      }
    }
    String rendered = text.toString();
    if (!rendered.equals(shown)) { // Slack rate-limits updates; only send real changes
      progress.update(Message.of(rendered));
      shown = rendered;
    }
  }

  private String mark(RestorePhase phase) {
    if (skipped.contains(phase)) {
      return ":heavy_minus_sign:";
    }
    if (phase == current) {
      return ":arrow_forward:";
    }
    return phase.ordinal() < current.ordinal() ? ":white_check_mark:" : ":white_small_square:";
  }
}
