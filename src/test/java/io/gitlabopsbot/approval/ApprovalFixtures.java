package io.gitlabopsbot.approval;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.config.AccessSettings.RoleMembers;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Users, access rules and a service wired on a real store, shared by the approval tests. */
final class ApprovalFixtures {

  static final String TEAM = "T0000TEAM";
  static final String REQUESTER = "U0000REQ";
  static final String APPROVER = "U0000APPR";
  static final String APPROVER_2 = "U0000APPR2";
  static final String VIEWER = "U0000VIEW";

  /** The requester is an approver too, so refusing them proves the four-eyes rule itself. */
  static final AccessPolicy POLICY =
      new AccessPolicy(
          new AccessSettings(
              TEAM,
              List.of(),
              Map.of(
                  Role.VIEWER, new RoleMembers(List.of(VIEWER), List.of()),
                  Role.OPERATOR, new RoleMembers(List.of(REQUESTER), List.of()),
                  Role.APPROVER,
                      new RoleMembers(List.of(REQUESTER, APPROVER, APPROVER_2), List.of())),
              List.of(Role.VIEWER, Role.OPERATOR, Role.APPROVER)),
          group -> Set.of());

  private ApprovalFixtures() {}

  static Caller slack(String userId) {
    return new Caller(Caller.SLACK, TEAM, "C0000OPS", userId, userId.toLowerCase());
  }

  static ApprovalSubject restore(String backupId) {
    return new ApprovalSubject(
        "restore",
        "prod",
        "gitlab",
        "gitlab",
        Map.of("backup", backupId, "skip", "registry"),
        REQUESTER,
        "corr-" + backupId);
  }

  static Approvals approvals(Database database, Clock clock) {
    return new Approvals(
        new JdbcApprovalStore(database.dataSource()),
        POLICY,
        new JdbcAuditLog(database.dataSource(), clock),
        clock);
  }

  /** Audit rows of the approval capability, oldest first. */
  static List<AuditEntry> auditRows(Database database, Clock clock) {
    List<AuditEntry> rows =
        new ArrayList<>(
            new JdbcAuditLog(database.dataSource(), clock)
                .recent(200).stream().filter(e -> e.command().equals("approval")).toList());
    Collections.reverse(rows);
    return rows;
  }
}
