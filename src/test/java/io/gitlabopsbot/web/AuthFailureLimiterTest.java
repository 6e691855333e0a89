package io.gitlabopsbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final AuthFailureLimiter limiter = new AuthFailureLimiter(2, clock);

  @Test
  void recordFailure_pastTheLimit_isLimitedAndSaysSoOnce() {
    assertThat(limiter.recordFailure("10.0.0.1").limited()).isFalse();
    assertThat(limiter.recordFailure("10.0.0.1").limited()).isFalse();

    var third = limiter.recordFailure("10.0.0.1");
    var fourth = limiter.recordFailure("10.0.0.1");

    assertThat(third.limited()).isTrue();
    assertThat(third.firstLimited()).isTrue();
    assertThat(fourth.limited()).isTrue();
    assertThat(fourth.firstLimited()).isFalse();
  }

  @Test
  void recordFailure_countsEachAddressApart() {
    limiter.recordFailure("10.0.0.1");
    limiter.recordFailure("10.0.0.1");
    limiter.recordFailure("10.0.0.1");

    assertThat(limiter.recordFailure("10.0.0.2").limited()).isFalse();
  }

  @Test
  void recordFailure_afterTheMinute_startsAFreshWindow() {
    for (int i = 0; i < 3; i++) {
      limiter.recordFailure("10.0.0.1");
    }

    clock.advance(Duration.ofMinutes(1));

    var verdict = limiter.recordFailure("10.0.0.1");
    assertThat(verdict.limited()).isFalse();
    assertThat(verdict.retryAfterSeconds()).isEqualTo(60);
  }
}
