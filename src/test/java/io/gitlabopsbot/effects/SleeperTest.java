package io.gitlabopsbot.effects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SleeperTest {

  @Test
  void threadSleep_whenInterrupted_throwsAndKeepsTheInterruptFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Sleeper.threadSleep().sleep(Duration.ofMinutes(5)))
          .isInstanceOf(Sleeper.InterruptedSleepException.class)
          .hasCauseInstanceOf(InterruptedException.class)
          .hasMessageContaining("300 s");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void threadSleep_whenZero_returnsAtOnce() {
    Sleeper.threadSleep().sleep(Duration.ZERO);

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
