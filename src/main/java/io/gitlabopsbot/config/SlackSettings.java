package io.gitlabopsbot.config;

/**
 * How the bot talks to Slack.
 *
 * @param mode {@code socket}, {@code http}, or {@code console} when no Slack credentials are set
 * @param apiBaseUrl Web API base URL ending in {@code /api/} (GovSlack and test servers differ)
 * @param slashCommand the command name registered in the Slack app, e.g. {@code /gitlab}
 * @param notificationChannel channel ID for scheduled results and warnings; may be null
 * @param botToken {@code SLACK_BOT_TOKEN}; null in console mode
 * @param appToken {@code SLACK_APP_TOKEN}; needed in socket mode only
 * @param signingSecret {@code SLACK_SIGNING_SECRET}; needed in http mode only
 */
public record SlackSettings(
    Mode mode,
    String apiBaseUrl,
    String slashCommand,
    String notificationChannel,
    Secret botToken,
    Secret appToken,
    Secret signingSecret) {

  public enum Mode {
    SOCKET,
    HTTP,
    CONSOLE
  }
}
