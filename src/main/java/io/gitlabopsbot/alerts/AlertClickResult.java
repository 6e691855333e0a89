package io.gitlabopsbot.alerts;

/** What the Slack listener does after an alert button click was handled. */
public sealed interface AlertClickResult {

  /** The outcome is visible in the channel (parent updated, reply in the thread); nothing more. */
  record Shown() implements AlertClickResult {}

  /** Tell only the person who clicked (ephemeral), in Slack mrkdwn. */
  record TellClicker(String text) implements AlertClickResult {}
}
