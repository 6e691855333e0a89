package io.gitlabopsbot;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.approval.ApprovalActions;
import io.gitlabopsbot.approval.ConfirmationForm;
import io.gitlabopsbot.approval.ConfirmationResult;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.slack.BlockKitRenderer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack side of typed confirmations: opens the dialog an Approve click asks for (views.open)
 * and hands its submission to {@link ApprovalActions}. The dialog's private metadata is only the
 * opaque approval ID; everything else is read from the store again on submission.
 */
final class ConfirmationDialog {

  static final String CALLBACK_ID = "approval_typed_confirmation";
  static final String BLOCK_ID = "typed_confirmation";
  static final String ACTION_ID = "typed_value";

  private static final Logger log = LoggerFactory.getLogger(ConfirmationDialog.class);
  private static final int MAX_TYPED = 255;

  private ConfirmationDialog() {}

  /**
   * Opens {@code form} for the person who clicked; false (logged) when Slack did not open it.
   *
   * @param triggerId the click's trigger ID, valid for 3 seconds after the click
   */
  static boolean open(
      ActionContext context, String triggerId, ConfirmationForm form, BlockKitRenderer renderer) {
    try {
      ViewsOpenResponse response =
          context.client().viewsOpen(r -> r.triggerId(triggerId).view(view(form, renderer)));
      if (!response.isOk()) {
        log.warn("Slack did not open the approval dialog [error={}]", response.getError());
      }
      return response.isOk();
    } catch (IOException | SlackApiException | RuntimeException e) {
      log.warn("could not open the approval dialog [reason={}]", e.getMessage());
      return false;
    }
  }

  /** Registers the submission of the dialog. */
  static void register(App app, ApprovalActions approvals, Notifier notifier) {
    app.viewSubmission(
        CALLBACK_ID,
        (request, context) -> {
          ViewSubmissionPayload payload = request.getPayload();
          Caller submitter =
              new Caller(
                  Caller.SLACK,
                  payload.getTeam() == null ? null : payload.getTeam().getId(),
                  null,
                  payload.getUser().getId(),
                  payload.getUser().getUsername());
          // The metadata is untrusted input: the approval service accepts only a stored, opaque ID.
          ConfirmationResult result =
              approvals.onTypedConfirmation(
                  payload.getView().getPrivateMetadata(), typed(payload.getView()), submitter);
          if (result instanceof ConfirmationResult.WrongText wrong) {
            return context.ackWithErrors(Map.of(BLOCK_ID, wrong.error()));
          }
          if (result instanceof ConfirmationResult.Confirmed confirmed) {
            updateOriginal(notifier, confirmed.original());
            return context.ack();
          }
          ConfirmationResult.Refused refused = (ConfirmationResult.Refused) result;
          updateOriginal(notifier, refused.original());
          return context.ackWithUpdate(note(refused.text()));
        });
  }

  static View view(ConfirmationForm form, BlockKitRenderer renderer) {
    List<LayoutBlock> blocks = new ArrayList<>(renderer.render(form.operation()));
    blocks.add(
        InputBlock.builder()
            .blockId(BLOCK_ID)
            .label(plain(form.prompt()))
            .hint(plain(form.hint()))
            .element(
                PlainTextInputElement.builder().actionId(ACTION_ID).maxLength(MAX_TYPED).build())
            .build());
    return View.builder()
        .type("modal")
        .callbackId(CALLBACK_ID)
        .privateMetadata(form.approvalId())
        .title(title(form.title()))
        .submit(ViewSubmit.builder().type("plain_text").text("Approve").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .blocks(blocks)
        .build();
  }

  /** The dialog, replaced by a sentence saying why nothing was approved. */
  private static View note(String text) {
    return View.builder()
        .type("modal")
        .title(title("Not approved"))
        .close(ViewClose.builder().type("plain_text").text("Close").build())
        .blocks(
            List.of(
                SectionBlock.builder()
                    .text(MarkdownTextObject.builder().text(":no_entry: " + text).build())
                    .build()))
        .build();
  }

  private static String typed(View view) {
    if (view == null || view.getState() == null || view.getState().getValues() == null) {
      return null;
    }
    Map<String, ViewState.Value> block = view.getState().getValues().get(BLOCK_ID);
    ViewState.Value value = block == null ? null : block.get(ACTION_ID);
    return value == null ? null : value.getValue();
  }

  private static void updateOriginal(
      Notifier notifier, Optional<ConfirmationResult.OriginalUpdate> original) {
    if (original.isEmpty()) {
      return;
    }
    try {
      notifier.update(original.get().where(), original.get().message());
    } catch (RuntimeException e) {
      // The decision is stored either way; a stale message still refuses further clicks.
      log.warn("could not show the approval decision in Slack [reason={}]", e.getMessage());
    }
  }

  private static ViewTitle title(String text) {
    return ViewTitle.builder().type("plain_text").text(text).build();
  }

  private static PlainTextObject plain(String text) {
    return PlainTextObject.builder().text(text).build();
  }
}
