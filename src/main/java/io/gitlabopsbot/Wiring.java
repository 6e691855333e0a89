package io.gitlabopsbot;

import io.gitlabopsbot.access.UserGroupDirectory;
import io.gitlabopsbot.config.SlackSettings;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.migration.ServingBots;
import io.gitlabopsbot.restore.Confirmation;
import java.util.concurrent.Executor;

/**
 * What differs between {@code serve} and {@code run} when the capabilities are built: where
 * messages go, who is in which Slack user group, where long work runs, and how a restore is
 * confirmed. Everything else is in {@link Core}.
 *
 * @param serving true for {@code serve}; false for one command from the terminal
 * @param notifier command results, progress and scheduled notices
 * @param approvalNotifier where approval requests go (from the terminal: to Slack as well, where
 *     approvers are)
 * @param alertNotifier posts alerts; it never waits out a rate limit itself (delivery paces)
 * @param background where long work runs (the CLI runs it in its own thread, after the ack)
 * @param alertButtons whether alert parents get buttons (someone can click them)
 */
record Wiring(
    Core core,
    boolean serving,
    Notifier notifier,
    Notifier approvalNotifier,
    Notifier alertNotifier,
    SideEffects effects,
    UserGroupDirectory groups,
    Executor background,
    Confirmation confirmation,
    ServingBots servingBots,
    boolean alertButtons) {

  /**
   * Where scheduled results and warnings go: {@code slack.notificationChannel}, or the console when
   * Slack is not set up; null when neither.
   */
  String notificationChannel() {
    String channel = core.settings.slack().notificationChannel();
    boolean terminal = !serving || core.settings.slack().mode() == SlackSettings.Mode.CONSOLE;
    return channel == null && terminal ? "console" : channel;
  }
}
