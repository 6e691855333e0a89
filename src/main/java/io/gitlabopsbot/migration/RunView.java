package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Keeps a run's progress message current: shows every stored change, and the running step's live
 * status at most every few seconds (Slack rate-limits message updates).
 */
final class RunView {

  private static final Duration LIVE_EVERY = Duration.ofSeconds(3);

  private final Progress progress;
  private final Map<String, StepProcedure> steps;
  private final Clock clock;
  private MigrationRun shownRun;
  private String shownText;
  private String live;
  private Instant liveShownAt = Instant.MIN;

  RunView(Progress progress, Map<String, StepProcedure> steps, Clock clock) {
    this.progress = progress;
    this.steps = steps;
    this.clock = clock;
  }

  Progress progress() {
    return progress;
  }

  synchronized void show(MigrationRun run) {
    shownRun = run;
    render();
  }

  synchronized void live(String status) {
    live = status;
    Instant now = clock.instant();
    if (status == null || shownRun == null || now.isBefore(liveShownAt.plus(LIVE_EVERY))) {
      return;
    }
    liveShownAt = now;
    render();
  }

  private void render() {
    String text = RunbookText.overview(shownRun, steps, live).text();
    if (!text.equals(shownText)) {
      progress.update(RunbookText.overview(shownRun, steps, live));
      shownText = text;
    }
  }
}
