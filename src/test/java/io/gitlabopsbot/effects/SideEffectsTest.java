package io.gitlabopsbot.effects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SideEffectsTest {

  private final List<Operation> journal = new ArrayList<>();
  private final Operation createJob =
      new Operation(
          "kubernetes", "create Job gitlab/backup-1", "command backup-utility --skip registry");

  @Test
  void perform_inDryRun_reportsTheExactOperationAndDoesNothing() {
    AtomicInteger calls = new AtomicInteger();
    SideEffects effects = new SideEffects(true, journal::add);

    assertThat(effects.perform(createJob, calls::incrementAndGet)).isEmpty();
    assertThat(effects.run(createJob, calls::incrementAndGet)).isFalse();

    assertThat(calls).hasValue(0);
    assertThat(journal).containsExactly(createJob, createJob);
    assertThat(createJob.describe())
        .isEqualTo(
            "kubernetes: create Job gitlab/backup-1 (command backup-utility --skip registry)");
  }

  @Test
  void perform_forReal_runsTheActionAndReturnsItsResult() {
    SideEffects effects = new SideEffects(false, journal::add);

    assertThat(effects.perform(createJob, () -> "job-uid")).contains("job-uid");
    assertThat(journal).isEmpty();
  }

  @Test
  void forcedDryRun_reportsToBothJournalsEvenWhenTheBotIsLive() {
    List<Operation> perCommand = new ArrayList<>();
    SideEffects command = new SideEffects(false, journal::add).forcedDryRun(perCommand::add);
    AtomicInteger calls = new AtomicInteger();

    command.run(createJob, calls::incrementAndGet);

    assertThat(calls).hasValue(0);
    assertThat(journal).containsExactly(createJob);
    assertThat(perCommand).containsExactly(createJob);
  }
}
