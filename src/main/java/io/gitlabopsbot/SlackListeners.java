package io.gitlabopsbot;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.command.CommandDispatcher;
import io.gitlabopsbot.command.ProgressSink;
import io.gitlabopsbot.command.Reply;
import io.gitlabopsbot.slack.BlockKitRenderer;
import io.gitlabopsbot.slack.FallbackProgress;
import io.gitlabopsbot.slack.Message;
import io.gitlabopsbot.slack.Notifier;
import io.gitlabopsbot.slack.NotifierProgress;

/**
 * The one place that registers every Slack listener: the slash command now, the approval and alert
 * buttons as those capabilities arrive. Listeners only translate between Slack and the
 * transport-neutral dispatcher.
 */
final class SlackListeners {

  private SlackListeners() {}

  static void register(
      App app,
      String slashCommand,
      CommandDispatcher dispatcher,
      Notifier notifier,
      BlockKitRenderer renderer) {
    app.command(
        slashCommand,
        (request, context) -> {
          SlashCommandPayload payload = request.getPayload();
          Caller caller =
              new Caller(
                  Caller.SLACK,
                  payload.getTeamId(),
                  payload.getChannelId(),
                  payload.getUserId(),
                  payload.getUserName());
          // The dispatcher only parses, checks and queues: it answers well within Slack's 3 s.
          ProgressSink progress =
              (who, correlationId) ->
                  new FallbackProgress(
                      new NotifierProgress(notifier, who.channelId()),
                      message -> respondPrivately(context, renderer, message));
          Reply reply = dispatcher.dispatch(caller, payload.getText(), progress);
          Message message = reply.message();
          return context.ack(
              response ->
                  response
                      .responseType("ephemeral")
                      .text(renderer.fallbackText(message))
                      .blocks(renderer.render(message)));
        });
  }

  private static void respondPrivately(
      com.slack.api.bolt.context.builtin.SlashCommandContext context,
      BlockKitRenderer renderer,
      Message message) {
    try {
      context.respond(
          response ->
              response
                  .responseType("ephemeral")
                  .text(renderer.fallbackText(message))
                  .blocks(renderer.render(message)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not reply through Slack's response_url", e);
    }
  }
}
