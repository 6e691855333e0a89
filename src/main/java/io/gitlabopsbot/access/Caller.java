package io.gitlabopsbot.access;

/**
 * Who issued a command and from where, by immutable Slack IDs. Display names are never used for
 * decisions because users can change them.
 *
 * @param source where the command came from: {@code slack} or {@code cli}
 */
public record Caller(
    String source, String teamId, String channelId, String userId, String userName) {

  public static final String SLACK = "slack";
  public static final String CLI = "cli";

  /** Scheduled work (a backup schedule firing, retention after a backup). */
  public static final Caller SCHEDULER =
      new Caller("scheduler", null, null, "scheduler", "scheduler");

  public boolean fromCli() {
    return CLI.equals(source);
  }
}
