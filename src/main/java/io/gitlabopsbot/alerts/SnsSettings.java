package io.gitlabopsbot.alerts;

import java.util.List;

/**
 * The SNS intake's configuration.
 *
 * @param allowedTopicArns the only topics whose messages are accepted or whose subscriptions are
 *     confirmed; empty accepts nothing (a signed message proves it came from SNS, not that it came
 *     from our account's topic)
 */
public record SnsSettings(List<String> allowedTopicArns) {

  public SnsSettings {
    allowedTopicArns = List.copyOf(allowedTopicArns);
  }

  /** True when {@code topicArn} is allow-listed, by exact match. */
  public boolean allowsTopic(String topicArn) {
    return topicArn != null && allowedTopicArns.contains(topicArn);
  }
}
