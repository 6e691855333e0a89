package io.gitlabopsbot.restore;

import static io.gitlabopsbot.restore.Backups.ID;
import static io.gitlabopsbot.restore.Backups.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.backup.BackupCatalog;
import io.gitlabopsbot.backup.BackupService;
import io.gitlabopsbot.backup.BackupSettings;
import io.gitlabopsbot.backup.BackupVerifier;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.ParseResult;
import io.gitlabopsbot.command.Targets;
import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.config.RestoreConfig;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.storage.S3BackupStore;
import io.gitlabopsbot.storage.SharedS3Server;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** From the CLI there are no buttons: the operator retypes the backup ID, or names it again. */
@EnableKubernetesMockClient(crud = true)
class RestoreHandlerCliTest {

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();
  static final Caller CLI = new Caller(Caller.CLI, null, null, "alice", "alice");

  KubernetesClient client;

  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(T0 + 3600));
  private final FakeWorkloads workloads = FakeWorkloads.gitlab();
  private final RecordingProgress progress = new RecordingProgress();
  private Database database;
  private TargetSettings target;
  private RestoreOperations operations;
  private RestorePlanner planner;
  private Approvals approvals;
  private RestoreExecutor executor;
  private RestoreSettings settings;

  @BeforeEach
  void setUp() {
    database = TestDatabases.h2();
    operations = new JdbcRestoreOperations(database.dataSource(), clock);
    target =
        new TargetSettings("prod", "gitlab", "gitlab", "app=toolbox", s3.server().newBucket(), "r");
    s3.server()
        .put(target.backupBucket(), Backups.key(T0, "17.5.2"), Backups.archive(T0, "17.5.2", ""));
    S3BackupStore store = new S3BackupStore(s3.client());
    BackupCatalog catalog = new BackupCatalog(store, clock);
    BackupService backups =
        new BackupService(
            new Fabric8GitLabCluster(client),
            new SideEffects(false, op -> {}),
            BackupSettings.defaults(),
            (b, k) -> OptionalLong.empty(),
            ok -> {},
            clock,
            d -> {});
    settings = RestoreSettings.from(RestoreConfig.defaults(), "awscli");
    planner =
        new RestorePlanner(
            catalog, new BackupVerifier(catalog, store), workloads, backups, operations, settings);
    approvals =
        new Approvals(
            new JdbcApprovalStore(database.dataSource()),
            new AccessPolicy(
                new AccessSettings(null, List.of(), Map.of(), List.of(Role.VIEWER, Role.OPERATOR)),
                group -> Set.of()),
            new JdbcAuditLog(database.dataSource(), clock),
            clock);
    RestoreRunner runner =
        new RestoreRunner(
            operations,
            workloads,
            new Fabric8GitLabCluster(client),
            backups,
            new SideEffects(false, op -> {}),
            settings,
            clock,
            d -> {},
            "cli-process");
    executor =
        new RestoreExecutor(
            approvals,
            new ApprovalMessages(),
            console(),
            new Targets(Map.of("prod", target), "prod"),
            runner,
            operations,
            Runnable::run);
    // Scaling is refused, so the run stops early at Scale down; that is enough to see it ran.
    workloads.failScaling.add("gitlab-webservice-default");
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  private static ConsoleNotifier console() {
    return new ConsoleNotifier(new PrintStream(new ByteArrayOutputStream()), new TextRenderer());
  }

  private RestoreHandler handler(Confirmation confirmation) {
    return new RestoreHandler(
        planner,
        new ApprovalNotices(approvals, new ApprovalMessages(), console()),
        approvals,
        executor,
        confirmation,
        settings);
  }

  private Invocation invocation(Map<String, String> flags) {
    return new Invocation(
        new ParseResult.Parsed(RestoreHandler.SPEC, List.of(ID), flags),
        CLI,
        "corr-cli",
        target,
        false);
  }

  private List<AuditEntry> approvalAudit() {
    return new JdbcAuditLog(database.dataSource(), clock)
        .recent(50).stream().filter(e -> e.command().equals("approval")).toList();
  }

  @Test
  void restore_withoutATerminalOrConfirmFlag_isRefusedAndNamesTheFlag() {
    CommandResult result = handler(Confirmation.NO_TERMINAL).handle(invocation(Map.of()), progress);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) result).reason())
        .startsWith("restore not done: refused: ")
        .contains("not a terminal");
    assertThat(text(result.message())).contains("--confirm " + ID).contains("Nothing was changed");
    assertThat(approvalAudit()).isEmpty();
    assertThat(operations.find(ID)).isEmpty();
    assertThat(workloads.calls()).isEmpty();
  }

  @Test
  void restore_whenConfirmNamesAnotherBackup_isRefused() {
    CommandResult result =
        handler(Confirmation.NO_TERMINAL).handle(invocation(Map.of("confirm", "123")), progress);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) result).reason()).contains("does not name the backup");

    assertThat(approvalAudit()).isEmpty();
    assertThat(workloads.calls()).isEmpty();
  }

  @Test
  void restore_whenTheTypedIdDiffers_isRefused() {
    CommandResult result =
        handler(prompt -> Optional.of(ID + "x")).handle(invocation(Map.of()), progress);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) result).reason()).contains("typed ID does not match");

    assertThat(workloads.calls()).isEmpty();
  }

  @Test
  void restore_whenRetypedAtTheTerminal_isAuditedAsACliApprovalAndRuns() {
    Map<String, String> prompts = new HashMap<>();
    Confirmation typed =
        prompt -> {
          prompts.put("prompt", prompt);
          return Optional.of(ID);
        };

    CommandResult result =
        handler(typed).handle(invocation(Map.of("skip-pre-backup", "true")), progress);

    assertThat(result).isInstanceOf(CommandResult.Failed.class);
    assertThat(((CommandResult.Failed) result).reason()).contains("failed at Scale down");
    assertThat(text(result.message())).contains("*Failed* at *Scale down*");

    assertThat(prompts.get("prompt")).contains(ID).contains("prod");
    assertThat(approvalAudit())
        .anySatisfy(
            e -> {
              assertThat(e.source()).isEqualTo("cli");
              assertThat(e.userId()).isEqualTo("alice");
              assertThat(e.outcome()).isEqualTo("approved-cli");
              assertThat(e.detail()).contains("retyped the backup ID at the terminal");
            });
    assertThat(workloads.calls())
        .first()
        .asString()
        .startsWith("scale gitlab-webservice-default 0");
  }

  @Test
  void restore_withTheConfirmFlagNamingTheBackup_runsWithoutATerminal() {
    CommandResult result =
        handler(Confirmation.NO_TERMINAL)
            .handle(invocation(Map.of("confirm", ID, "skip-pre-backup", "true")), progress);

    assertThat(result).isInstanceOf(CommandResult.Failed.class);
    assertThat(((CommandResult.Failed) result).reason()).contains("failed at Scale down");

    assertThat(approvalAudit())
        .anySatisfy(
            e -> assertThat(e.detail()).contains("named the backup ID again with --confirm"));
  }

  @Test
  void restore_fromSlack_asksForApprovalBoundToThePlanAndChangesNothing() {
    Caller slack = new Caller(Caller.SLACK, "T0000TEAM", "C0000OPS1", "U0000OPER", "oper");
    Invocation invocation =
        new Invocation(
            new ParseResult.Parsed(RestoreHandler.SPEC, List.of(ID), Map.of()),
            slack,
            "corr-slack",
            target,
            false);

    CommandResult result = handler(Confirmation.NO_TERMINAL).handle(invocation, progress);
    String message = text(result.message());

    // Asking for approval is what the command does; the restore itself comes later.
    assertThat(result).isInstanceOf(CommandResult.Succeeded.class);

    assertThat(message).contains("Approval requested").contains("second person");
    assertThat(approvalAudit())
        .singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo("requested"));
    String id = message.replaceAll("(?s).*Approval `([A-Za-z0-9_-]{32})`.*", "$1");
    var request = approvals.find(id).orElseThrow();
    assertThat(request.status()).isEqualTo(io.gitlabopsbot.approval.ApprovalStatus.PENDING);
    assertThat(request.messageChannel()).isEqualTo("C0000OPS1");
    assertThat(request.subject().parameters()).containsEntry("backup", ID);
    assertThat(workloads.calls()).isEmpty();
  }

  @Test
  void restore_fromSlackWithConfirm_isRefused() {
    Caller slack = new Caller(Caller.SLACK, "T0000TEAM", "C0000OPS1", "U0000OPER", "oper");
    Invocation invocation =
        new Invocation(
            new ParseResult.Parsed(RestoreHandler.SPEC, List.of(ID), Map.of("confirm", ID)),
            slack,
            "corr-slack",
            target,
            false);

    CommandResult result = handler(Confirmation.NO_TERMINAL).handle(invocation, progress);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(text(result.message())).contains("`--confirm` is for the command line");
    assertThat(approvalAudit()).isEmpty();
  }

  private static String text(io.gitlabopsbot.message.Message message) {
    StringBuilder all = new StringBuilder(message.text());
    message.blocks().forEach(b -> all.append('\n').append(b));
    return all.toString();
  }
}
