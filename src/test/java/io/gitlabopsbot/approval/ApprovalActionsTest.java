package io.gitlabopsbot.approval;

import static io.gitlabopsbot.approval.ApprovalFixtures.APPROVER;
import static io.gitlabopsbot.approval.ApprovalFixtures.REQUESTER;
import static io.gitlabopsbot.approval.ApprovalFixtures.VIEWER;
import static io.gitlabopsbot.approval.ApprovalFixtures.restore;
import static io.gitlabopsbot.approval.ApprovalFixtures.slack;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApprovalActionsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final Database database = TestDatabases.h2();
  private final Approvals approvals = ApprovalFixtures.approvals(database, clock);
  private final ApprovalMessages messages = new ApprovalMessages();
  private final List<ApprovalRequest> handedOver = new ArrayList<>();
  private final ApprovalActions actions = new ApprovalActions(approvals, messages, handedOver::add);

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void onClick_approveByApprover_updatesOriginalToApproved() {
    String id = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL).id();

    ClickResult result = actions.onClick(ApprovalMessages.APPROVE, id, slack(APPROVER));

    assertThat(result).isInstanceOf(ClickResult.UpdateOriginal.class);
    Message message = ((ClickResult.UpdateOriginal) result).message();
    assertThat(message.blocks()).noneMatch(Block.Actions.class::isInstance);
    assertThat(message.blocks()).contains(new Block.Header("Approved: restore on prod"));
    assertThat(approvals.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(handedOver).extracting(ApprovalRequest::id).containsExactly(id);
  }

  @Test
  void onClick_reject_updatesOriginalToRejected() {
    String id = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL).id();

    ClickResult result = actions.onClick(ApprovalMessages.REJECT, id, slack(APPROVER));

    assertThat(((ClickResult.UpdateOriginal) result).message().blocks())
        .contains(new Block.Header("Rejected: restore on prod"));
    assertThat(approvals.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(handedOver).isEmpty();
  }

  @Test
  void onClick_ownRequestOrNonApprover_tellsOnlyTheClicker() {
    String id = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL).id();

    ClickResult own = actions.onClick(ApprovalMessages.APPROVE, id, slack(REQUESTER));
    ClickResult viewer = actions.onClick(ApprovalMessages.APPROVE, id, slack(VIEWER));

    assertThat(own).isEqualTo(new ClickResult.TellClicker(ApprovalTexts.OWN));
    assertThat(((ClickResult.TellClicker) viewer).text()).contains("*approver* role");
    assertThat(approvals.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
  }

  @Test
  void onClick_secondClick_tellsTheClickerItWasHandled() {
    String id = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL).id();
    actions.onClick(ApprovalMessages.APPROVE, id, slack(APPROVER));

    ClickResult second = actions.onClick(ApprovalMessages.REJECT, id, slack(APPROVER));

    assertThat(((ClickResult.TellClicker) second).text()).contains("already handled");
    assertThat(handedOver).hasSize(1);
    assertThat(approvals.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
  }

  @Test
  void onClick_afterExpiry_updatesOriginalToExpired() {
    String id = approvals.request(restore("b-1"), Duration.ofMinutes(15)).id();
    clock.advance(Duration.ofMinutes(16));

    ClickResult result = actions.onClick(ApprovalMessages.APPROVE, id, slack(APPROVER));

    assertThat(((ClickResult.UpdateOriginal) result).message().blocks())
        .contains(new Block.Header("Approval expired: restore on prod"));
  }

  @Test
  void onClick_unknownValueOrForeignAction_tellsTheClicker() {
    assertThat(actions.onClick(ApprovalMessages.APPROVE, "nope", slack(APPROVER)))
        .isEqualTo(new ClickResult.TellClicker(ApprovalTexts.UNKNOWN));
    assertThat(actions.onClick("alert_ack", "x", slack(APPROVER)))
        .isInstanceOf(ClickResult.TellClicker.class);
    assertThat(ApprovalActions.handles("alert_ack")).isFalse();
    assertThat(ApprovalActions.handles(ApprovalMessages.REJECT)).isTrue();
  }
}
