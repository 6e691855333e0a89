package io.gitlabopsbot.migration;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

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
  private final Function<String, Optional<String>> earlier;
  private volatile String value;

  /**
   * @param earlier the value a succeeded earlier step recorded, by step ID
   */
  public StepContext(
      String runId,
      String target,
      Consumer<String> output,
      Consumer<String> status,
      Function<String, Optional<String>> earlier) {
    this.runId = Objects.requireNonNull(runId, "runId");
    this.target = Objects.requireNonNull(target, "target");
    this.output = Objects.requireNonNull(output, "output");
    this.status = Objects.requireNonNull(status, "status");
    this.earlier = Objects.requireNonNull(earlier, "earlier");
  }

  /**
   * Records one value for later steps (e.g. the ID of the backup this step made); stored when the
   * step succeeds. Never a secret.
   */
  public void record(String value) {
    this.value = value;
  }

  /** What {@link #record} held at the end, or null. */
  String recorded() {
    return value;
  }

  /** The value that step {@code stepId} recorded when it succeeded in this run. */
  public Optional<String> recordedBy(String stepId) {
    return earlier.apply(stepId);
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
