package io.gitlabopsbot.approval;

import static io.gitlabopsbot.approval.ApprovalFixtures.APPROVER;
import static io.gitlabopsbot.approval.ApprovalFixtures.REQUESTER;
import static io.gitlabopsbot.approval.ApprovalFixtures.TEAM;
import static io.gitlabopsbot.approval.ApprovalFixtures.auditRows;
import static io.gitlabopsbot.approval.ApprovalFixtures.restore;
import static io.gitlabopsbot.approval.ApprovalFixtures.slack;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.config.AccessSettings.RoleMembers;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Approve clicks that open a dialog, and what the typed value in it decides. */
class ApprovalTypedConfirmationTest {

  private static final String CHANNEL = "C0000OPS";
  private static final String TS = "1700000000.000100";
  private static final TypedConfirmation RESTORE =
      new TypedConfirmation("restore", "backup", "backup ID");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final Database database = TestDatabases.h2();
  private final Approvals approvals = ApprovalFixtures.approvals(database, clock);
  private final ApprovalMessages messages = new ApprovalMessages();
  private final List<ApprovalRequest> handedOver = new ArrayList<>();
  private final ApprovalActions actions =
      new ApprovalActions(approvals, messages, handedOver::add, List.of(RESTORE));

  @AfterEach
  void close() {
    database.close();
  }

  private String requested(ApprovalSubject subject) {
    String id = approvals.request(subject, Duration.ofMinutes(15)).id();
    approvals.attachMessage(id, CHANNEL, TS);
    return id;
  }

  /** A dialog submission carries no channel. */
  private static Caller submitter(String userId) {
    return new Caller(Caller.SLACK, TEAM, null, userId, userId.toLowerCase());
  }

  private ApprovalStatus status(String id) {
    return approvals.find(id).orElseThrow().status();
  }

  @Test
  void onClick_approveOnRestore_opensTheDialogAndDecidesNothing() {
    String id = requested(restore("b-1"));

    ClickResult result = actions.onClick(ApprovalMessages.APPROVE, id, slack(APPROVER));

    ConfirmationForm form = ((ClickResult.AskToType) result).form();
    assertThat(form.approvalId()).isEqualTo(id);
    assertThat(form.title()).isEqualTo("Approve restore");
    assertThat(form.prompt()).isEqualTo("Type the backup ID to approve");
    assertThat(form.operation().blocks())
        .contains(new Block.Header("Approve: restore on prod"))
        .anySatisfy(
            b ->
                assertThat(b)
                    .isInstanceOfSatisfying(
                        Block.Fields.class,
                        f -> assertThat(f.fields()).contains(new Block.Field("backup", "b-1"))));
    assertThat(status(id)).isEqualTo(ApprovalStatus.PENDING);
    assertThat(handedOver).isEmpty();
  }

  @Test
  void onClick_approveByRequesterOrNonApprover_opensNoDialog() {
    String id = requested(restore("b-1"));

    ClickResult byRequester = actions.onClick(ApprovalMessages.APPROVE, id, slack(REQUESTER));
    ClickResult byViewer =
        actions.onClick(ApprovalMessages.APPROVE, id, slack(ApprovalFixtures.VIEWER));

    assertThat(byRequester).isInstanceOf(ClickResult.TellClicker.class);
    assertThat(((ClickResult.TellClicker) byRequester).text()).contains("your own request");
    assertThat(byViewer).isInstanceOf(ClickResult.TellClicker.class);
    assertThat(status(id)).isEqualTo(ApprovalStatus.PENDING);
  }

  @Test
  void onClick_rejectOrOtherKind_staysOneClick() {
    String restoreId = requested(restore("b-1"));
    String migrationId =
        requested(
            new ApprovalSubject(
                "migration", "prod", "gitlab", "gitlab", Map.of("step", "3-3"), REQUESTER, "c"));

    ClickResult rejected = actions.onClick(ApprovalMessages.REJECT, restoreId, slack(APPROVER));
    ClickResult approved = actions.onClick(ApprovalMessages.APPROVE, migrationId, slack(APPROVER));

    assertThat(rejected).isInstanceOf(ClickResult.UpdateOriginal.class);
    assertThat(status(restoreId)).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(approved).isInstanceOf(ClickResult.UpdateOriginal.class);
    assertThat(status(migrationId)).isEqualTo(ApprovalStatus.APPROVED);
  }

  @Test
  void onClick_expiredRestore_isRefusedWithoutADialog() {
    String id = requested(restore("b-1"));
    clock.advance(Duration.ofMinutes(16));

    ClickResult result = actions.onClick(ApprovalMessages.APPROVE, id, slack(APPROVER));

    assertThat(((ClickResult.UpdateOriginal) result).message().blocks())
        .contains(new Block.Header("Approval expired: restore on prod"));
  }

  @Test
  void onTypedConfirmation_exactBackupId_approvesAndUpdatesTheMessage() {
    String id = requested(restore("b-1"));

    ConfirmationResult result = actions.onTypedConfirmation(id, "  b-1 \n", submitter(APPROVER));

    ConfirmationResult.OriginalUpdate update =
        ((ConfirmationResult.Confirmed) result).original().orElseThrow();
    assertThat(update.where()).isEqualTo(new MessageRef(CHANNEL, TS));
    assertThat(update.message().blocks()).contains(new Block.Header("Approved: restore on prod"));
    assertThat(status(id)).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approvals.find(id).orElseThrow().decidedBy()).isEqualTo(APPROVER);
    assertThat(handedOver).extracting(ApprovalRequest::id).containsExactly(id);
  }

  @Test
  void onTypedConfirmation_wrongText_decidesNothingAndAuditsWithoutTheText() {
    String id = requested(restore("b-1"));

    ConfirmationResult wrong = actions.onTypedConfirmation(id, "B-1", submitter(APPROVER));
    ConfirmationResult empty = actions.onTypedConfirmation(id, null, submitter(APPROVER));

    assertThat(((ConfirmationResult.WrongText) wrong).error())
        .startsWith("That is not the backup ID of this request; nothing was decided.");
    assertThat(empty).isInstanceOf(ConfirmationResult.WrongText.class);
    assertThat(status(id)).isEqualTo(ApprovalStatus.PENDING);
    assertThat(handedOver).isEmpty();
    List<AuditEntry> refused =
        auditRows(database, clock).stream().filter(e -> e.decision().equals("refused")).toList();
    assertThat(refused).hasSize(2);
    assertThat(refused)
        .allSatisfy(
            e -> {
              assertThat(e.userId()).isEqualTo(APPROVER);
              assertThat(e.detail()).startsWith("typed_mismatch: ").doesNotContain("B-1");
            });
  }

  @Test
  void onTypedConfirmation_byRequester_isRefusedEvenWithTheRightId() {
    String id = requested(restore("b-1"));

    ConfirmationResult result = actions.onTypedConfirmation(id, "b-1", submitter(REQUESTER));

    assertThat(result)
        .isEqualTo(new ConfirmationResult.Refused(ApprovalTexts.OWN, Optional.empty()));
    assertThat(status(id)).isEqualTo(ApprovalStatus.PENDING);
  }

  @Test
  void onTypedConfirmation_afterExpiry_isRefusedAndTheMessageSaysExpired() {
    String id = requested(restore("b-1"));
    clock.advance(Duration.ofMinutes(16));

    ConfirmationResult result = actions.onTypedConfirmation(id, "b-1", submitter(APPROVER));

    ConfirmationResult.Refused refused = (ConfirmationResult.Refused) result;
    assertThat(refused.text()).isEqualTo(ApprovalTexts.EXPIRED);
    assertThat(refused.original().orElseThrow().message().blocks())
        .contains(new Block.Header("Approval expired: restore on prod"));
    assertThat(status(id)).isEqualTo(ApprovalStatus.EXPIRED);
  }

  @Test
  void onTypedConfirmation_secondSubmission_isRefusedAsAlreadyHandled() {
    String id = requested(restore("b-1"));
    actions.onTypedConfirmation(id, "b-1", submitter(APPROVER));

    ConfirmationResult again = actions.onTypedConfirmation(id, "b-1", submitter(APPROVER));

    assertThat(((ConfirmationResult.Refused) again).text()).contains("already handled");
    assertThat(handedOver).hasSize(1);
  }

  @Test
  void onTypedConfirmation_unknownId_isRefused() {
    assertThat(actions.onTypedConfirmation("not-an-id", "b-1", submitter(APPROVER)))
        .isEqualTo(new ConfirmationResult.Refused(ApprovalTexts.UNKNOWN, Optional.empty()));
  }

  @Test
  void onTypedConfirmation_whenTypingIsNoLongerConfigured_decidesNothing() {
    String id = requested(restore("b-1"));
    ApprovalActions oneClick = new ApprovalActions(approvals, messages, handedOver::add);

    ConfirmationResult result = oneClick.onTypedConfirmation(id, "b-1", submitter(APPROVER));

    assertThat(((ConfirmationResult.Refused) result).text()).contains("Approve button");
    assertThat(status(id)).isEqualTo(ApprovalStatus.PENDING);
    assertThat(auditRows(database, clock)).extracting(AuditEntry::decision).contains("refused");
  }

  @Test
  void onTypedConfirmation_inRestrictedChannels_usesTheApprovalMessagesChannel() {
    AccessPolicy onlyOps =
        new AccessPolicy(
            new AccessSettings(
                TEAM,
                List.of(CHANNEL),
                Map.of(Role.APPROVER, new RoleMembers(List.of(APPROVER), List.of())),
                List.of()),
            group -> Set.of());
    Approvals restricted =
        new Approvals(
            new JdbcApprovalStore(database.dataSource()),
            onlyOps,
            new JdbcAuditLog(database.dataSource(), clock),
            clock);
    ApprovalActions dialog =
        new ApprovalActions(restricted, messages, handedOver::add, List.of(RESTORE));
    String id = requested(restore("b-1"));

    ConfirmationResult result = dialog.onTypedConfirmation(id, "b-1", submitter(APPROVER));

    assertThat(result).isInstanceOf(ConfirmationResult.Confirmed.class);
    assertThat(auditRows(database, clock))
        .filteredOn(e -> e.decision().equals("approved"))
        .extracting(AuditEntry::channelId)
        .containsExactly(CHANNEL);
  }
}
