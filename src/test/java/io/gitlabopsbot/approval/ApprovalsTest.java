package io.gitlabopsbot.approval;

import static io.gitlabopsbot.approval.ApprovalFixtures.APPROVER;
import static io.gitlabopsbot.approval.ApprovalFixtures.APPROVER_2;
import static io.gitlabopsbot.approval.ApprovalFixtures.REQUESTER;
import static io.gitlabopsbot.approval.ApprovalFixtures.VIEWER;
import static io.gitlabopsbot.approval.ApprovalFixtures.auditRows;
import static io.gitlabopsbot.approval.ApprovalFixtures.restore;
import static io.gitlabopsbot.approval.ApprovalFixtures.slack;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.approval.ApprovalDecision.Approved;
import io.gitlabopsbot.approval.ApprovalDecision.Reason;
import io.gitlabopsbot.approval.ApprovalDecision.Refused;
import io.gitlabopsbot.approval.ApprovalDecision.Rejected;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApprovalsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Database database;
  private Approvals approvals;

  private void openOn(Supplier<Database> kind) {
    database = kind.get();
    approvals = ApprovalFixtures.approvals(database, clock);
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_byOtherApprover_approvesAndConsumesOnce(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);

    ApprovalDecision decision = approvals.decide(request.id(), slack(APPROVER), true);

    assertThat(decision).isInstanceOf(Approved.class);
    ApprovalRequest approved = ((Approved) decision).request();
    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.decidedBy()).isEqualTo(APPROVER);
    assertThat(approved.subject()).isEqualTo(restore("b-1"));
    assertThat(approvals.consume(request.id(), restore("b-1").operationHash())).isTrue();
    assertThat(approvals.consume(request.id(), restore("b-1").operationHash())).isFalse();
    assertThat(approvals.complete(request.id(), "restored")).isTrue();
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.COMPLETED);
    assertThat(auditRows(database, clock))
        .extracting(AuditEntry::decision)
        .containsExactly("requested", "approved", "executing", "claim-refused", "completed");
    assertThat(approvals.complete(request.id(), "again")).isFalse();
    AuditEntry approvedRow = auditRows(database, clock).get(1);
    assertThat(approvedRow.userId()).isEqualTo(APPROVER);
    assertThat(approvedRow.arguments()).isEqualTo(request.id() + " restore");
    assertThat(approvedRow.correlationId()).isEqualTo("corr-b-1/approval");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_reject_isFinalAndCannotBeConsumed(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);

    ApprovalDecision decision = approvals.decide(request.id(), slack(APPROVER), false);

    assertThat(decision).isInstanceOf(Rejected.class);
    assertThat(((Rejected) decision).by()).isEqualTo(APPROVER);
    assertThat(approvals.consume(request.id(), request.operationHash())).isFalse();
    assertThat(auditRows(database, clock))
        .extracting(AuditEntry::decision)
        .containsExactly("requested", "rejected", "claim-refused");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_whenRequesterApprovesOwnRequest_isRefused(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);

    ApprovalDecision decision = approvals.decide(request.id(), slack(REQUESTER), true);

    assertRefused(decision, Reason.OWN_REQUEST);
    assertStillPendingWithRefusalAudited(request, "own_request");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_whenCallerLacksApproverRole_isRefused(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);

    ApprovalDecision decision = approvals.decide(request.id(), slack(VIEWER), true);

    assertRefused(decision, Reason.NOT_APPROVER);
    assertThat(((Refused) decision).message()).contains("*approver* role");
    assertStillPendingWithRefusalAudited(request, "not_approver");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_fromCli_isRefused(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);
    Caller cli = new Caller(Caller.CLI, null, null, "local", "local");

    assertRefused(approvals.decide(request.id(), cli, true), Reason.OWN_REQUEST);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_whenExpired_isRefusedAndMarksExpired(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Duration.ofMinutes(15));
    clock.advance(Duration.ofMinutes(15));

    ApprovalDecision decision = approvals.decide(request.id(), slack(APPROVER), true);

    assertRefused(decision, Reason.EXPIRED);
    assertThat(((Refused) decision).request().orElseThrow().status())
        .isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(approvals.consume(request.id(), request.operationHash())).isFalse();
    assertThat(auditRows(database, clock).get(1).detail()).startsWith("expired:");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_justBeforeExpiry_isAccepted(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Duration.ofMinutes(15));
    clock.advance(Duration.ofMinutes(15).minusMillis(1));

    assertThat(approvals.decide(request.id(), slack(APPROVER), true)).isInstanceOf(Approved.class);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_secondClickOrSecondApprover_isRefused(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);
    approvals.decide(request.id(), slack(APPROVER), true);

    ApprovalDecision doubleClick = approvals.decide(request.id(), slack(APPROVER), true);
    ApprovalDecision other = approvals.decide(request.id(), slack(APPROVER_2), false);

    assertRefused(doubleClick, Reason.ALREADY_DECIDED);
    assertRefused(other, Reason.ALREADY_DECIDED);
    ApprovalRequest stored = approvals.find(request.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(stored.decidedBy()).isEqualTo(APPROVER);
    assertThat(auditRows(database, clock))
        .extracting(AuditEntry::decision)
        .containsExactly("requested", "approved", "refused", "refused");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_whenExpectedHashDiffers_isRefused(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);

    ApprovalDecision decision =
        approvals.decide(request.id(), slack(APPROVER), true, restore("b-2").operationHash());

    assertRefused(decision, Reason.HASH_MISMATCH);
    assertStillPendingWithRefusalAudited(request, "hash_mismatch");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decideAndConsume_whenStoredOperationWasAltered_areRefused(Supplier<Database> kind)
      throws Exception {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);
    ApprovalRequest other = approvals.request(restore("b-3"), Approvals.DEFAULT_TTL);
    approvals.decide(other.id(), slack(APPROVER), true);
    alterBackupId(request.id());
    alterBackupId(other.id());

    assertRefused(approvals.decide(request.id(), slack(APPROVER), true), Reason.HASH_MISMATCH);
    assertThat(approvals.consume(other.id(), other.operationHash())).isFalse();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void consume_withHashOfAnotherOperation_isFalseAndLeavesItApproved(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest request = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);
    approvals.decide(request.id(), slack(APPROVER), true);

    assertThat(approvals.consume(request.id(), restore("b-2").operationHash())).isFalse();
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approvals.consume(request.id(), request.operationHash())).isTrue();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void decide_unknownOrMalformedId_isRefusedAndAudited(Supplier<Database> kind) {
    openOn(kind);

    assertRefused(
        approvals.decide("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", slack(APPROVER), true),
        Reason.UNKNOWN_ID);
    assertRefused(
        approvals.decide("'; DROP TABLE x; --", slack(APPROVER), true), Reason.UNKNOWN_ID);
    assertThat(auditRows(database, clock))
        .extracting(AuditEntry::decision)
        .containsExactly("refused", "refused");
    assertThat(auditRows(database, clock).get(0).detail()).startsWith("unknown_id:");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void expireDue_expiresOnlyOverdueRequestsOnce(Supplier<Database> kind) {
    openOn(kind);
    ApprovalRequest shortLived = approvals.request(restore("b-1"), Duration.ofMinutes(5));
    ApprovalRequest longLived = approvals.request(restore("b-2"), Duration.ofMinutes(30));
    approvals.attachMessage(shortLived.id(), "C0000OPS", "1700000000.000100");
    clock.advance(Duration.ofMinutes(10));

    assertThat(approvals.expireDue())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(shortLived.id());
              assertThat(r.status()).isEqualTo(ApprovalStatus.EXPIRED);
              assertThat(r.messageTs()).isEqualTo("1700000000.000100");
            });
    assertThat(approvals.expireDue()).isEmpty();
    assertThat(approvals.find(longLived.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.PENDING);
    assertThat(auditRows(database, clock))
        .extracting(AuditEntry::decision)
        .containsExactly("requested", "requested", "expired");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void request_issuesDistinctUrlSafeIdsOf192Bits(Supplier<Database> kind) {
    openOn(kind);

    ApprovalRequest first = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);
    ApprovalRequest second = approvals.request(restore("b-1"), Approvals.DEFAULT_TTL);

    assertThat(first.id()).matches("[A-Za-z0-9_-]{32}").isNotEqualTo(second.id());
    assertThat(first.expiresAt()).isEqualTo(clock.instant().plus(Approvals.DEFAULT_TTL));
  }

  private void alterBackupId(String id) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        Statement update = connection.createStatement()) {
      update.executeUpdate(
          "UPDATE approval_request SET parameters = '{\"backup\":\"other\",\"skip\":\"registry\"}'"
              + " WHERE id = '"
              + id
              + "'");
    }
  }

  private void assertStillPendingWithRefusalAudited(ApprovalRequest request, String reason) {
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.PENDING);
    assertThat(auditRows(database, clock))
        .last()
        .satisfies(
            row -> {
              assertThat(row.decision()).isEqualTo("refused");
              assertThat(row.detail()).startsWith(reason + ":");
              assertThat(row.arguments()).isEqualTo(request.id() + " restore");
            });
  }

  private static void assertRefused(ApprovalDecision decision, Reason reason) {
    assertThat(decision).isInstanceOf(Refused.class);
    assertThat(((Refused) decision).reason()).isEqualTo(reason);
  }
}
