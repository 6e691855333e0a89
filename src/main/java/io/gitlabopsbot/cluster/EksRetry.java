package io.gitlabopsbot.cluster;

import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The retry policy of EKS calls, set on each request so that it holds whatever client it is sent
 * with: the SDK's standard strategy (which retries throttling and 5xx answers), with a bounded
 * number of attempts and explicit back-off.
 *
 * @param maxAttempts attempts in total, the first one included
 * @param baseDelay back-off before the first retry of a throttled call; doubles up to {@code
 *     maxDelay}, with jitter
 */
public record EksRetry(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** Four attempts, throttled calls backing off from one second up to eight. */
  public static final EksRetry DEFAULT =
      new EksRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(8));

  public EksRetry {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
  }

  RetryStrategy strategy() {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(baseDelay, maxDelay);
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        // The circuit breaker would stop retrying across calls after a burst of throttling; a
        // command that was asked for deserves its own attempts.
        .circuitBreakerEnabled(false)
        .build();
  }

  AwsRequestOverrideConfiguration override() {
    RetryStrategy strategy = strategy();
    return AwsRequestOverrideConfiguration.builder()
        .addPlugin(
            config ->
                config.overrideConfiguration(
                    config.overrideConfiguration().toBuilder().retryStrategy(strategy).build()))
        .build();
  }
}
