package io.gitlabopsbot;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.alerts.AlertActions;
import io.gitlabopsbot.alerts.AlertButtons;
import io.gitlabopsbot.alerts.AlertClickResult;
import io.gitlabopsbot.approval.ApprovalActions;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ClickResult;
import io.gitlabopsbot.command.CommandDispatcher;
import io.gitlabopsbot.command.FallbackProgress;
import io.gitlabopsbot.command.NotifierProgress;
import io.gitlabopsbot.command.ProgressSink;
import io.gitlabopsbot.command.Reply;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.slack.BlockKitRenderer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that registers every Slack listener: the slash command, the approval and alert
 * buttons, and the approval confirmation dialog ({@link ConfirmationDialog}). Listeners only
 * translate between Slack and the transport-neutral dispatcher.
 */
final class SlackListeners {

  private static final Logger log = LoggerFactory.getLogger(SlackListeners.class);

  private SlackListeners() {}

  static void register(
      App app,
      String slashCommand,
      CommandDispatcher dispatcher,
      Notifier notifier,
      BlockKitRenderer renderer,
      ApprovalActions approvals,
      AlertActions alerts,
      Executor background) {
    registerApprovals(app, approvals, notifier, renderer);
    ConfirmationDialog.register(app, approvals, notifier);
    if (alerts != null) {
      registerAlerts(app, alerts, background);
    }
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

  private static void registerApprovals(
      App app, ApprovalActions approvals, Notifier notifier, BlockKitRenderer renderer) {
    app.blockAction(
        java.util.regex.Pattern.compile(ApprovalMessages.APPROVE + "|" + ApprovalMessages.REJECT),
        (request, context) -> {
          BlockActionPayload payload = request.getPayload();
          BlockActionPayload.Action action = payload.getActions().get(0);
          Caller clicker =
              new Caller(
                  Caller.SLACK,
                  payload.getTeam() == null ? null : payload.getTeam().getId(),
                  payload.getChannel() == null ? null : payload.getChannel().getId(),
                  payload.getUser().getId(),
                  payload.getUser().getUsername());
          // The value is untrusted input: the approval service accepts only a stored, opaque ID.
          ClickResult result = approvals.onClick(action.getActionId(), action.getValue(), clicker);
          try {
            if (result instanceof ClickResult.UpdateOriginal update) {
              notifier.update(
                  new MessageRef(
                      payload.getContainer().getChannelId(), payload.getContainer().getMessageTs()),
                  update.message());
            } else if (result instanceof ClickResult.TellClicker tell) {
              context.respond(
                  r -> r.responseType("ephemeral").replaceOriginal(false).text(tell.text()));
            } else if (result instanceof ClickResult.AskToType ask
                && !ConfirmationDialog.open(
                    context, payload.getTriggerId(), ask.form(), renderer)) {
              context.respond(
                  r ->
                      r.responseType("ephemeral")
                          .replaceOriginal(false)
                          .text(
                              "The bot could not open the confirmation dialog, so nothing was"
                                  + " approved. Click Approve again."));
            }
          } catch (java.io.IOException | RuntimeException e) {
            log.warn("could not show the approval decision in Slack [reason={}]", e.getMessage());
          }
          return context.ack();
        });
  }

  private static void registerAlerts(App app, AlertActions alerts, Executor background) {
    app.blockAction(
        java.util.regex.Pattern.compile(AlertButtons.ACTION_PATTERN),
        (request, context) -> {
          BlockActionPayload payload = request.getPayload();
          BlockActionPayload.Action action = payload.getActions().get(0);
          Caller clicker =
              new Caller(
                  Caller.SLACK,
                  payload.getTeam() == null ? null : payload.getTeam().getId(),
                  payload.getChannel() == null ? null : payload.getChannel().getId(),
                  payload.getUser().getId(),
                  payload.getUser().getUsername());
          // Creating a silence waits on Alertmanager, which may outlast Slack's 3 s: the click is
          // acknowledged now and handled in the background; the value is untrusted (an opaque ID
          // that is checked against the store).
          try {
            background.execute(
                () -> {
                  AlertClickResult result =
                      alerts.onClick(action.getActionId(), action.getValue(), clicker);
                  if (result instanceof AlertClickResult.TellClicker tell) {
                    try {
                      context.respond(
                          r ->
                              r.responseType("ephemeral").replaceOriginal(false).text(tell.text()));
                    } catch (java.io.IOException | RuntimeException e) {
                      log.warn(
                          "could not tell the clicker of an alert button [reason={}]",
                          e.getMessage());
                    }
                  }
                });
          } catch (RejectedExecutionException e) {
            log.warn("alert button click refused: the bot is busy [user={}]", clicker.userId());
            try {
              context.respond(
                  r ->
                      r.responseType("ephemeral")
                          .replaceOriginal(false)
                          .text("The bot is busy; nothing was done. Try again in a minute."));
            } catch (java.io.IOException | RuntimeException notTold) {
              log.warn("could not tell the clicker [reason={}]", notTold.getMessage());
            }
          }
          return context.ack();
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
