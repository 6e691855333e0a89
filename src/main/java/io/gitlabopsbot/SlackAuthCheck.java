package io.gitlabopsbot;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness of the Slack side in http mode: the bot token works ({@code auth.test}). Cached for a
 * minute so probes do not hammer Slack's rate limits.
 */
final class SlackAuthCheck {

  private static final Logger log = LoggerFactory.getLogger(SlackAuthCheck.class);
  private static final Duration CACHE = Duration.ofMinutes(1);

  private final MethodsClient methods;
  private final Clock clock;
  private Instant checkedAt = Instant.MIN;
  private boolean lastResult;

  SlackAuthCheck(MethodsClient methods, Clock clock) {
    this.methods = methods;
    this.clock = clock;
  }

  synchronized boolean ready() {
    Instant now = clock.instant();
    if (checkedAt.plus(CACHE).isAfter(now)) {
      return lastResult;
    }
    try {
      AuthTestResponse response = methods.authTest(r -> r);
      lastResult = response.isOk();
      if (!lastResult) {
        log.warn("Slack auth.test failed [error={}]", response.getError());
      }
    } catch (Exception e) {
      log.warn("Slack auth.test unreachable [error={}]", e.getMessage());
      lastResult = false;
    }
    checkedAt = now;
    return lastResult;
  }
}
