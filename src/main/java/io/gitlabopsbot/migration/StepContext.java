package io.gitlabopsbot.migration;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a step sees while it runs: which run and target it belongs to, and where its output and
 * status go (the run's Slack thread and progress message). Output is scrubbed of known secrets
 * before anyone sees it, but steps still must not print secret values.
 */
public final class StepContext {

  private final String runId;
  private final String target;
  private final Consumer<String> output;
  private final Consumer<String> status;

  public StepContext(
      String runId, String target, Consumer<String> output, Consumer<String> status) {
    this.runId = Objects.requireNonNull(runId, "runId");
    this.target = Objects.requireNonNull(target, "target");
    this.output = Objects.requireNonNull(output, "output");
    this.status = Objects.requireNonNull(status, "status");
  }

  public String runId() {
    return runId;
  }

  /** The configured target (GitLab installation) being migrated to. */
  public String target() {
    return target;
  }

  /** One line of command output, for the run's thread. */
  public void output(String line) {
    output.accept(line);
  }

  /** A short current state of the step, e.g. {@code uploading: 45 %}, for the progress message. */
  public void status(String text) {
    status.accept(text);
  }
}
