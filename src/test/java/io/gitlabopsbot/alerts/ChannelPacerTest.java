package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelPacerTest {

  private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final ChannelPacer pacer = new ChannelPacer(clock, Duration.ofSeconds(1));

  @Test
  void tryAcquire_whenSecondPostInTheSameSecond_isRefusedUntilTheIntervalPassed() {
    assertThat(pacer.tryAcquire("C1")).isTrue();
    assertThat(pacer.tryAcquire("C1")).isFalse();

    clock.advance(Duration.ofMillis(999));
    assertThat(pacer.tryAcquire("C1")).isFalse();

    clock.advance(Duration.ofMillis(1));
    assertThat(pacer.tryAcquire("C1")).isTrue();
  }

  @Test
  void tryAcquire_pacesEachChannelSeparately() {
    assertThat(pacer.tryAcquire("C1")).isTrue();

    assertThat(pacer.tryAcquire("C2")).isTrue();
    assertThat(pacer.tryAcquire("C1")).isFalse();
  }

  @Test
  void pause_holdsTheChannelForRetryAfter() {
    pacer.pause("C1", Duration.ofSeconds(30));

    clock.advance(Duration.ofSeconds(29));
    assertThat(pacer.tryAcquire("C1")).isFalse();
    assertThat(pacer.tryAcquire("C2")).isTrue();
    assertThat(pacer.nextFree("C1")).isEqualTo(T0.plusSeconds(30));

    clock.advance(Duration.ofSeconds(1));
    assertThat(pacer.tryAcquire("C1")).isTrue();
  }

  @Test
  void pause_shorterThanAnEarlierPause_doesNotShortenIt() {
    pacer.pause("C1", Duration.ofSeconds(30));
    pacer.pause("C1", Duration.ofSeconds(2));

    clock.advance(Duration.ofSeconds(5));

    assertThat(pacer.tryAcquire("C1")).isFalse();
  }

  @Test
  void constructor_whenIntervalNotPositive_isRejected() {
    assertThatThrownBy(() -> new ChannelPacer(clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval");
  }
}
