package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.approval.ApprovalDecision;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.config.AccessSettings.RoleMembers;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
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

class MigrationStepApprovalsTest {

  private static final TargetSettings PROD =
      new TargetSettings(
          "prod", "gitlab", "gitlab", "app=toolbox", "backups", "gitlab-rails-secret");

  private final Database database = TestDatabases.h2();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final List<Message> posted = new ArrayList<>();
  private final Approvals approvals =
      new Approvals(
          new JdbcApprovalStore(database.dataSource()),
          new AccessPolicy(
              new AccessSettings(
                  "T1",
                  List.of(),
                  Map.of(
                      Role.OPERATOR, new RoleMembers(List.of("U_REQ"), List.of()),
                      Role.APPROVER, new RoleMembers(List.of("U_REQ", "U_APPR"), List.of())),
                  List.of()),
              group -> Set.of()),
          new JdbcAuditLog(database.dataSource(), clock),
          clock);
  private final MigrationStepApprovals stepApprovals =
      new MigrationStepApprovals(
          new ApprovalNotices(approvals, new ApprovalMessages(), new Recording()),
          approvals,
          name -> "prod".equals(name) ? Optional.of(PROD) : Optional.empty(),
          Duration.ofMinutes(15),
          "C_OPS");
  private final MigrationRun run =
      new JdbcMigrationRuns(database.dataSource())
          .create("run-1", "prod", "U_REQ", List.of("1-4", "3-1"), clock.instant());

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void ask_postsARequestNamingTheRunStepAndWhatItDoes() {
    ScriptedStep move = ScriptedStep.destructive("1-4");

    stepApprovals.ask(run, move);

    assertThat(posted)
        .singleElement()
        .satisfies(m -> assertThat(render(m)).contains("run-1", "1-4", "Step 1-4"));
  }

  @Test
  void approval_byTheRunsRequester_isRefused_andBySomeoneElse_isClaimedOnce() {
    ScriptedStep move = ScriptedStep.destructive("1-4");
    String id = stepApprovals.ask(run, move);

    assertThat(approvals.decide(id, slack("U_REQ"), true))
        .isInstanceOf(ApprovalDecision.Refused.class);
    assertThat(stepApprovals.claim(id, run, move)).isFalse();

    assertThat(approvals.decide(id, slack("U_APPR"), true))
        .isInstanceOf(ApprovalDecision.Approved.class);
    assertThat(stepApprovals.claim(id, run, move)).isTrue();
    assertThat(stepApprovals.claim(id, run, move)).isFalse();
  }

  @Test
  void claim_ofAnApprovalForAnotherStep_isRefused() {
    String id = stepApprovals.ask(run, ScriptedStep.destructive("1-4"));
    approvals.decide(id, slack("U_APPR"), true);

    assertThat(stepApprovals.claim(id, run, ScriptedStep.destructive("3-1"))).isFalse();
    assertThat(MigrationStepApprovals.runAndStep(approvals.find(id).orElseThrow()))
        .contains(Map.entry("run-1", "1-4"));
  }

  private static Caller slack(String user) {
    return new Caller(Caller.SLACK, "T1", "C_OPS", user, user);
  }

  private static String render(Message message) {
    return message.text() + message.blocks();
  }

  private final class Recording implements Notifier {
    @Override
    public MessageRef post(String channel, Message message) {
      posted.add(message);
      return new MessageRef(channel, "1700000000." + posted.size());
    }

    @Override
    public void update(MessageRef ref, Message message) {}

    @Override
    public MessageRef reply(MessageRef parent, Message message) {
      return parent;
    }
  }
}
