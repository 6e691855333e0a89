package io.gitlabopsbot.migration;

import io.gitlabopsbot.message.Message;
import java.util.Map;

/** The progress message of a migration run: one line per step, then what happens next. */
final class RunbookText {

  private RunbookText() {}

  static Message overview(MigrationRun run, Map<String, StepProcedure> steps, String liveStatus) {
    StringBuilder text =
        new StringBuilder()
            .append(headline(run))
            .append(" · run `")
            .append(run.id())
            .append("` · target `")
            .append(run.target())
            .append("`\n");
    for (StepRecord step : run.steps()) {
      StepProcedure procedure = steps.get(step.stepId());
      text.append(emoji(step.state()))
          .append(" *")
          .append(step.stepId())
          .append("* ")
          .append(procedure == null ? "(unknown step)" : procedure.title())
          .append(procedure != null && procedure.changesData() ? " 🔐" : "");
      if (step.state() == StepState.RUNNING && liveStatus != null && !liveStatus.isBlank()) {
        text.append(" — ").append(liveStatus);
      } else if (!step.detail().isEmpty() && step.state() != StepState.PENDING) {
        text.append(" — ").append(firstLine(step.detail()));
      }
      text.append('\n');
    }
    if (!run.detail().isEmpty()) {
      text.append('\n').append(run.detail());
    }
    return Message.of(text.toString().strip());
  }

  private static String headline(MigrationRun run) {
    return switch (run.status()) {
      case RUNNING -> "🚚 *Migration running*";
      case WAITING_APPROVAL -> "🔐 *Migration waiting for approval*";
      case PAUSED -> "⏸️ *Migration paused*";
      case QUEUED -> "📨 *Migration resumed, waiting for the bot to continue it*";
      case ABORTED -> "🛑 *Migration aborted*";
      case COMPLETED -> "✅ *Migration completed*";
    };
  }

  static String emoji(StepState state) {
    return switch (state) {
      case PENDING -> "⚪";
      case RUNNING -> "🔄";
      case SUCCEEDED -> "✅";
      case FAILED -> "❌";
      case SKIPPED -> "⏭️";
      case UNKNOWN -> "❓";
    };
  }

  private static String firstLine(String detail) {
    String line = detail.lines().findFirst().orElse("");
    return line.length() <= 300 ? line : line.substring(0, 299) + "…";
  }

  /** What a person must do about a failed or unknown step. */
  static String needsPerson(StepRecord step) {
    if (step.state() == StepState.UNKNOWN) {
      return "Step "
          + step.stepId()
          + " stopped with an unknown outcome ("
          + step.detail()
          + "). Check by hand whether it took effect, then `migrate resume --retry` to run it"
          + " again or `migrate resume --done` to count it as done.";
    }
    return "Step "
        + step.stepId()
        + " failed: "
        + step.detail()
        + " Fix the cause, then `migrate resume`.";
  }
}
