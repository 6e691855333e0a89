package io.gitlabopsbot.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.ApprovalStatus;
import io.gitlabopsbot.approval.ApprovalSubject;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.command.Targets;
import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
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
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bot that stops mid-restore: on start the restore is Unknown and a human is asked. */
class InterruptedRestoresTest {

  static final String WEB = "gitlab-webservice-default";
  static final String JOB = "gitlab-ops-bot-restore-20261125-100000";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final List<String> posted = new ArrayList<>();
  private final List<String> updated = new ArrayList<>();
  private final Notifier notifier =
      new Notifier() {
        @Override
        public MessageRef post(String channel, Message message) {
          posted.add(channel + ": " + render(message));
          return new MessageRef(channel, "2.0");
        }

        @Override
        public void update(MessageRef ref, Message message) {
          updated.add(ref.channel() + "/" + ref.ts() + ": " + render(message));
        }

        @Override
        public MessageRef reply(MessageRef parent, Message message) {
          return parent;
        }
      };
  private Database database;
  private RestoreOperations operations;
  private Approvals approvals;
  private InterruptedRestores sweep;

  @BeforeEach
  void setUp() {
    database = TestDatabases.h2();
    operations = new JdbcRestoreOperations(database.dataSource(), clock);
    approvals =
        new Approvals(
            new JdbcApprovalStore(database.dataSource()),
            new AccessPolicy(
                new AccessSettings(null, List.of(), Map.of(), List.of(Role.OPERATOR)),
                group -> Set.of()),
            new JdbcAuditLog(database.dataSource(), clock),
            clock);
    sweep =
        new InterruptedRestores(
            operations,
            approvals,
            notifier,
            "C0000NOTE",
            new Targets(Map.of("prod", ToolboxFixtures.TARGET), "prod"),
            clock,
            Duration.ofMinutes(3));
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  private static String render(Message message) {
    StringBuilder text = new StringBuilder();
    message.blocks().forEach(b -> text.append(b).append('\n'));
    return text.toString();
  }

  private String restoreInPhaseRestore() {
    ApprovalRequest approved =
        approvals.approveByCli(
            new ApprovalSubject(
                "restore", "prod", "gitlab", "gitlab", Map.of("backup", "b"), "alice", "corr-9"),
            new Caller(Caller.CLI, null, null, "alice", "alice"),
            "retyped the backup ID at the terminal");
    approvals.consume(approved.id(), approved.operationHash());
    String id = approved.id();
    operations.begin(
        new RestoreOperation(
            id,
            "prod",
            "gitlab",
            "1795568403_2026_11_25_17.5.2",
            id,
            "U0000OPER",
            "corr-9",
            "stopped-process",
            RestoreOperation.Status.RUNNING,
            RestorePhase.RECORD,
            Map.of(),
            null,
            null,
            null,
            null,
            clock.instant(),
            clock.instant()));
    operations.recordReplicas(id, Map.of(WEB, 3));
    operations.phase(id, RestorePhase.RESTORE);
    operations.jobName(id, JOB);
    operations.message(id, "C0000OPS1", "1.0");
    return id;
  }

  @Test
  void sweep_afterTheBotStopped_marksItUnknownAndAsksAHumanWithTheScaleBackCommands() {
    String id = restoreInPhaseRestore();
    clock.advance(Duration.ofMinutes(5));

    assertThat(sweep.sweep()).isEqualTo(1);

    assertThat(operations.find(id).orElseThrow().status())
        .isEqualTo(RestoreOperation.Status.UNKNOWN);
    assertThat(posted).singleElement().asString().startsWith("C0000NOTE: ");
    assertThat(updated).singleElement().asString().startsWith("C0000OPS1/1.0: ");
    assertThat(posted.get(0))
        .contains("interrupted")
        .contains("*Unknown*")
        .contains("will not run it again")
        .contains("*Restore*")
        .contains("`" + WEB + "` 3")
        .contains("kubectl -n gitlab scale deployment/" + WEB + " --replicas=3")
        .contains("kubectl -n gitlab get job " + JOB);
    ApprovalRequest approval = approvals.find(id).orElseThrow();
    assertThat(approval.status()).isEqualTo(ApprovalStatus.COMPLETED);
    assertThat(approval.outcome()).contains("unknown");
    assertThat(sweep.sweep()).isZero();
    assertThat(posted).hasSize(1);
  }

  @Test
  void sweep_leavesARestoreWhoseProcessIsAliveAlone() {
    String id = restoreInPhaseRestore();
    clock.advance(Duration.ofMinutes(2));
    operations.heartbeat("stopped-process", clock.instant());
    clock.advance(Duration.ofMinutes(2));

    assertThat(sweep.sweep()).isZero();

    assertThat(operations.find(id).orElseThrow().status())
        .isEqualTo(RestoreOperation.Status.RUNNING);
    assertThat(posted).isEmpty();
  }
}
