package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Collects a step's output lines and posts them to the run's thread in blocks, so a chatty command
 * makes a few Slack messages rather than one per line. Lines are scrubbed of known secrets first.
 */
final class StepOutput {

  static final int LINES_PER_POST = 40;
  private static final int CHARS_PER_POST = 2800;

  private final Progress progress;
  private final UnaryOperator<String> scrub;
  private final String stepId;
  private final List<String> pending = new ArrayList<>();
  private int pendingChars;

  StepOutput(Progress progress, UnaryOperator<String> scrub, String stepId) {
    this.progress = progress;
    this.scrub = scrub;
    this.stepId = stepId;
  }

  synchronized void line(String line) {
    String clean = scrub.apply(line == null ? "" : line);
    if (pendingChars + clean.length() + 1 > CHARS_PER_POST) {
      flush();
    }
    pending.add(clean.length() > CHARS_PER_POST ? clean.substring(0, CHARS_PER_POST) : clean);
    pendingChars += clean.length() + 1;
    if (pending.size() >= LINES_PER_POST) {
      flush();
    }
  }

  synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    progress.detail(
        Message.builder("Step " + stepId + " output").code(String.join("\n", pending)).build());
    pending.clear();
    pendingChars = 0;
  }
}
