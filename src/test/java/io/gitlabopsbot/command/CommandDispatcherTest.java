package io.gitlabopsbot.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.access.Redactor;
import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.config.AccessSettings.RoleMembers;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {

  private static final String TEAM = "T0000TEAM";
  private static final String CHANNEL = "C0000OPS1";
  private static final String OPERATOR = "U0000OPER";
  private static final String VIEWER = "U0000VIEW";
  private static final String STRANGER = "U0000NONE";

  private static final CommandSpec SLOW =
      new CommandSpec(
          "slow job",
          List.of(),
          List.of(CommandSpec.FlagSpec.bool("dry-run", "plan only")),
          "Long work",
          Role.OPERATOR,
          true);
  private static final CommandSpec LOGIN =
      new CommandSpec(
          "login",
          List.of(),
          List.of(new CommandSpec.FlagSpec("token", "<token>", null, "an API token", true)),
          "Takes a secret flag",
          Role.VIEWER,
          false);
  private static final CommandSpec BOOM =
      new CommandSpec("boom", List.of(), List.of(), "Always fails", Role.VIEWER, false);
  private static final CommandSpec REFUSE =
      new CommandSpec("refuse", List.of(), List.of(), "Always refuses", Role.VIEWER, false);
  private static final CommandSpec BREAK =
      new CommandSpec("break", List.of(), List.of(), "Tries and fails", Role.VIEWER, false);
  private static final CommandSpec NOTHING =
      new CommandSpec("nothing", List.of(), List.of(), "Reports no outcome", Role.VIEWER, false);
  private static final CommandSpec SLOW_REFUSE =
      new CommandSpec("slow refuse", List.of(), List.of(), "Refuses late", Role.OPERATOR, true);
  private static final CommandSpec SLOW_FAIL =
      new CommandSpec("slow fail", List.of(), List.of(), "Fails late", Role.OPERATOR, true);

  private final Database database = TestDatabases.h2();
  private final JdbcAuditLog audit =
      new JdbcAuditLog(
          database.dataSource(),
          Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final ConsoleNotifier notifier =
      new ConsoleNotifier(
          new PrintStream(console, true, StandardCharsets.UTF_8), new TextRenderer());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicReference<Invocation> lastSlow = new AtomicReference<>();
  private final AtomicInteger handlerRuns = new AtomicInteger();

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void dispatch_helpFromViewer_answersAndAuditsAllowed() {
    Reply reply = dispatcher(Runnable::run).dispatch(slack(VIEWER), "help", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.SUCCEEDED);
    assertThat(text(reply.message()))
        .contains("/gitlab help")
        .contains("/gitlab audit [n]")
        .contains("(operator)")
        .contains("Your roles: viewer");
    AuditEntry entry = audit.recent(1).get(0);
    assertThat(entry.command()).isEqualTo("help");
    assertThat(entry.decision()).isEqualTo("allowed");
    assertThat(entry.outcome()).isEqualTo("succeeded");
    assertThat(entry.userId()).isEqualTo(VIEWER);
    assertThat(entry.teamId()).isEqualTo(TEAM);
    assertThat(entry.channelId()).isEqualTo(CHANNEL);
    assertThat(entry.correlationId()).isEqualTo("c1");
  }

  @Test
  void dispatch_strangerAsksForHelp_isDeniedAndAudited() {
    Reply reply = dispatcher(Runnable::run).dispatch(slack(STRANGER), "help", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.DENIED);
    assertThat(text(reply.message())).contains("You need the *viewer* role").contains(STRANGER);
    AuditEntry entry = audit.recent(1).get(0);
    assertThat(entry.decision()).isEqualTo("denied");
    assertThat(entry.outcome()).isEqualTo("refused");
    assertThat(
            meters.counter("gitlabopsbot.commands", "command", "help", "result", "denied").count())
        .isEqualTo(1);
  }

  @Test
  void dispatch_strangerTypesSomethingInvalid_isDeniedWithoutUsageOrCommandNames() {
    Reply reply =
        dispatcher(Runnable::run).dispatch(slack(STRANGER), "slow jb --now", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.DENIED);
    assertThat(text(reply.message()))
        .contains("You need the *viewer* role")
        .doesNotContain("/gitlab help", "slow job", "Usage", "usage");
    assertThat(audit.recent(1).get(0).decision()).isEqualTo("denied");
  }

  @Test
  void dispatch_strangerNamesAnUnknownTarget_isDeniedWithoutTheTargetList() {
    Reply reply =
        dispatcher(Runnable::run).dispatch(slack(STRANGER), "help --target prod", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.DENIED);
    assertThat(text(reply.message())).doesNotContain("staging", "gitlab,");
  }

  @Test
  void dispatch_viewerRunsAnOperatorCommandOnAnUnknownTarget_isDeniedWithoutTheTargetList() {
    Reply reply =
        dispatcher(Runnable::run).dispatch(slack(VIEWER), "slow job --target prod", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.DENIED);
    assertThat(text(reply.message())).doesNotContain("staging");
  }

  @Test
  void dispatch_unknownCommand_isInvalidWithHintAndAudited() {
    Reply reply =
        dispatcher(Runnable::run).dispatch(slack(VIEWER), "hepl; rm -rf /", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.INVALID);
    assertThat(text(reply.message())).contains("unknown command").contains("/gitlab help");
    AuditEntry entry = audit.recent(1).get(0);
    assertThat(entry.decision()).isEqualTo("invalid");
    assertThat(entry.command()).isEqualTo("(invalid)");
    assertThat(entry.arguments()).isEqualTo("hepl; rm -rf /");
  }

  @Test
  void dispatch_unknownTarget_isInvalidAndListsTargets() {
    Reply reply =
        dispatcher(Runnable::run).dispatch(slack(VIEWER), "help --target prod", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.INVALID);
    assertThat(text(reply.message()))
        .contains("unknown target `prod`")
        .contains("[gitlab, staging]");
  }

  @Test
  void dispatch_longCommand_acksAtOnceThenReportsProgressAndCompletes() {
    List<Runnable> queued = new ArrayList<>();
    CommandDispatcher dispatcher = dispatcher(queued::add);

    Reply reply = dispatcher.dispatch(slack(OPERATOR), "slow job --target staging", this::progress);

    assertThat(text(reply.message())).contains("`slow job` started").contains("c1");
    assertThat(reply.completion()).isNotDone();
    assertThat(audit.recent(1).get(0).outcome()).isEqualTo("started");
    queued.forEach(Runnable::run);
    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.SUCCEEDED);
    assertThat(audit.recent(1).get(0).outcome()).isEqualTo("succeeded");
    assertThat(lastSlow.get().target().name()).isEqualTo("staging");
    assertThat(lastSlow.get().dryRun()).isFalse();
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("[" + CHANNEL + " #1]").contains("step 1 of 2");
    assertThat(printed).contains("#1 updated]").contains("all done");
    assertThat(printed).contains("#1 thread]").contains("log line");
  }

  @Test
  void dispatch_dryRunFlag_reachesTheHandler() {
    dispatcher(Runnable::run).dispatch(slack(OPERATOR), "slow job --dry-run", this::progress);

    assertThat(lastSlow.get().dryRun()).isTrue();
    assertThat(audit.recent(1).get(0).arguments()).isEqualTo("--dry-run");
  }

  @Test
  void dispatch_whenWorkQueueIsFull_refusesClearly() {
    Executor full =
        task -> {
          throw new RejectedExecutionException("full");
        };

    Reply reply = dispatcher(full).dispatch(slack(OPERATOR), "slow job", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.FAILED);
    assertThat(text(reply.message())).contains("busy");
    assertThat(audit.recent(1).get(0).outcome()).isEqualTo("failed");
  }

  @Test
  void dispatch_secretFlag_isMaskedInTheAuditLog() {
    dispatcher(Runnable::run)
        .dispatch(slack(VIEWER), "login --token CANARY-api-token-9", this::progress);

    assertThat(audit.recent(1).get(0).arguments()).isEqualTo("--token=****");
  }

  @Test
  void dispatch_handlerThrows_reportsFailureWithReferenceWithoutSecrets() {
    Reply reply = dispatcher(Runnable::run).dispatch(slack(VIEWER), "boom", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.FAILED);
    assertThat(text(reply.message()))
        .contains("`boom` failed: could not reach the API with token ****")
        .contains("Reference `c1`")
        .doesNotContain("xoxb");
    assertThat(audit.recent(1).get(0).detail()).doesNotContain("xoxb");
  }

  @Test
  void dispatch_handlerSucceeds_isAuditedSucceededAndCountedOk() {
    Reply reply = dispatcher(Runnable::run).dispatch(slack(VIEWER), "login", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.SUCCEEDED);
    assertThat(audit.recent(1).get(0).outcome()).isEqualTo("succeeded");
    assertThat(audit.recent(1).get(0).detail()).isEmpty();
    assertThat(count("login", "ok")).isEqualTo(1);
  }

  @Test
  void dispatch_handlerRefuses_isAuditedRefusedWithTheRedactedReason() {
    Reply reply = dispatcher(Runnable::run).dispatch(slack(VIEWER), "refuse", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.REFUSED);
    assertThat(text(reply.message())).contains("Backup not started: one is already running");
    AuditEntry entry = audit.recent(1).get(0);
    assertThat(entry.decision()).isEqualTo("allowed");
    assertThat(entry.outcome()).isEqualTo("refused");
    assertThat(entry.detail()).isEqualTo("a backup is already running");
    assertThat(count("refuse", "refused")).isEqualTo(1);
    assertThat(count("refuse", "ok")).isZero();
  }

  @Test
  void dispatch_refusalReasonWithASecret_isRedactedInTheAuditLog() {
    CommandDispatcher dispatcher =
        dispatcher(
            Runnable::run,
            new CommandRegistration(
                new CommandSpec("leak", List.of(), List.of(), "Refuses", Role.VIEWER, false),
                (invocation, progress) ->
                    CommandResult.refused(
                        Message.of("no"), "the API refused token xoxb-123-CANARY")));

    dispatcher.dispatch(slack(VIEWER), "leak", this::progress);

    assertThat(audit.recent(1).get(0).detail())
        .startsWith("the API refused token")
        .doesNotContain("CANARY");
  }

  @Test
  void dispatch_handlerFails_isAuditedFailedWithTheReason() {
    Reply reply = dispatcher(Runnable::run).dispatch(slack(VIEWER), "break", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.FAILED);
    assertThat(text(reply.message())).contains("Backup *Failed*: the Job hit its deadline");
    AuditEntry entry = audit.recent(1).get(0);
    assertThat(entry.outcome()).isEqualTo("failed");
    assertThat(entry.detail()).isEqualTo("the Job hit its deadline of 6h");
    assertThat(count("break", "failed")).isEqualTo(1);
    assertThat(count("break", "ok")).isZero();
  }

  @Test
  void dispatch_auditWithTooManyEntries_isRefused() {
    Reply reply = dispatcher(Runnable::run).dispatch(slack(OPERATOR), "audit 500", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.REFUSED);
    assertThat(text(reply.message())).contains("At most 200 audit entries can be shown, not 500");
    assertThat(audit.recent(1).get(0).outcome()).isEqualTo("refused");
  }

  @Test
  void dispatch_handlerReportsNoOutcome_isAFailure() {
    Reply reply = dispatcher(Runnable::run).dispatch(slack(VIEWER), "nothing", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.FAILED);
    assertThat(text(reply.message())).contains("`nothing` failed").contains("no outcome");
    assertThat(audit.recent(1).get(0).outcome()).isEqualTo("failed");
  }

  @Test
  void dispatch_longCommandRefuses_showsItsMessageAndAuditsRefused() {
    List<Runnable> queued = new ArrayList<>();
    Reply reply = dispatcher(queued::add).dispatch(slack(OPERATOR), "slow refuse", this::progress);
    assertThat(audit.recent(1).get(0).outcome()).isEqualTo("started");

    queued.forEach(Runnable::run);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.REFUSED);
    AuditEntry entry = audit.recent(1).get(0);
    assertThat(entry.outcome()).isEqualTo("refused");
    assertThat(entry.detail()).isEqualTo("no backup `123` in s3://gitlab-backups");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("#1 updated]")
        .contains("Restore not started: unknown backup");
    assertThat(count("slow refuse", "refused")).isEqualTo(1);
  }

  @Test
  void dispatch_longCommandFails_showsItsOwnMessageAndAuditsFailed() {
    List<Runnable> queued = new ArrayList<>();
    Reply reply = dispatcher(queued::add).dispatch(slack(OPERATOR), "slow fail", this::progress);

    queued.forEach(Runnable::run);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.FAILED);
    AuditEntry entry = audit.recent(1).get(0);
    assertThat(entry.outcome()).isEqualTo("failed");
    assertThat(entry.detail()).isEqualTo("failed at Scale down: forbidden");
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("Restore *Failed* at *Scale down*");
    // The handler's own account is shown, not the dispatcher's generic failure notice.
    assertThat(printed).doesNotContain("`slow fail` failed");
    assertThat(count("slow fail", "failed")).isEqualTo(1);
    assertThat(count("slow fail", "ok")).isZero();
  }

  @Test
  void dispatch_whenAuditLogCannotBeWritten_runsNothing() {
    CommandDispatcher dispatcher = dispatcher(Runnable::run);
    database.close();

    Reply reply = dispatcher.dispatch(slack(VIEWER), "boom", this::progress);

    assertThat(reply.completion()).isCompletedWithValue(Reply.Status.FAILED);
    assertThat(text(reply.message())).contains("cannot write its audit log");
    assertThat(handlerRuns).hasValue(0);
  }

  @Test
  void dispatch_auditCommand_showsEarlierAttempts() {
    CommandDispatcher dispatcher = dispatcher(Runnable::run);
    dispatcher.dispatch(slack(STRANGER), "help", this::progress);

    Reply reply = dispatcher.dispatch(slack(OPERATOR), "audit 5", this::progress);

    assertThat(text(reply.message()))
        .contains("denied")
        .contains("slack:" + STRANGER + "@" + CHANNEL)
        .contains("help");
  }

  private CommandDispatcher dispatcher(Executor executor, CommandRegistration... extra) {
    AccessSettings access =
        new AccessSettings(
            TEAM,
            List.of(CHANNEL),
            Map.of(
                Role.VIEWER, new RoleMembers(List.of(VIEWER), List.of()),
                Role.OPERATOR, new RoleMembers(List.of(OPERATOR), List.of())),
            List.of(Role.VIEWER));
    AccessPolicy policy = new AccessPolicy(access, group -> Set.of());
    Map<String, TargetSettings> ordered = new java.util.LinkedHashMap<>();
    ordered.put("gitlab", target("gitlab"));
    ordered.put("staging", target("staging"));
    Targets targets = new Targets(ordered, "gitlab");
    List<CommandSpec> specs = new ArrayList<>();
    List<CommandRegistration> commands =
        List.of(
            new CommandRegistration(
                HelpHandler.SPEC, new HelpHandler(() -> specs, "/gitlab", policy, targets)),
            new CommandRegistration(AuditHandler.SPEC, new AuditHandler(audit)),
            new CommandRegistration(SLOW, this::slow),
            new CommandRegistration(
                LOGIN, (invocation, progress) -> CommandResult.ok(Message.of("logged in"))),
            new CommandRegistration(
                REFUSE,
                (invocation, progress) ->
                    CommandResult.refused(
                        Message.of(":no_entry: Backup not started: one is already running"),
                        "a backup is already running\n(asked with token xoxb-123-CANARY)")),
            new CommandRegistration(
                BREAK,
                (invocation, progress) ->
                    CommandResult.failed(
                        Message.of(":x: Backup *Failed*: the Job hit its deadline"),
                        "the Job hit its deadline of 6h")),
            new CommandRegistration(NOTHING, (invocation, progress) -> null),
            new CommandRegistration(
                SLOW_REFUSE,
                (invocation, progress) -> {
                  progress.update(Message.of("checking"));
                  return CommandResult.refused(
                      Message.of(":no_entry: Restore not started: unknown backup"),
                      "no backup `123` in s3://gitlab-backups");
                }),
            new CommandRegistration(
                SLOW_FAIL,
                (invocation, progress) -> {
                  progress.update(Message.of("step 1 of 2"));
                  return CommandResult.failed(
                      Message.of(":x: Restore *Failed* at *Scale down*"),
                      "failed at Scale down: forbidden");
                }),
            new CommandRegistration(
                BOOM,
                (invocation, progress) -> {
                  handlerRuns.incrementAndGet();
                  throw new IllegalStateException(
                      "could not reach the API with token xoxb-123-CANARY");
                }));
    commands = new ArrayList<>(commands);
    commands.addAll(List.of(extra));
    commands.forEach(c -> specs.add(c.spec()));
    return new CommandDispatcher(
        new CommandParser("/gitlab", specs),
        commands,
        policy,
        audit,
        new Redactor(List.of()),
        targets,
        executor,
        meters,
        Clock.systemUTC(),
        () -> "c" + ids.incrementAndGet(),
        false);
  }

  private CommandResult slow(Invocation invocation, Progress progress) {
    lastSlow.set(invocation);
    progress.update(Message.of("step 1 of 2"));
    progress.detail(Message.of("log line"));
    return CommandResult.ok(Message.of("all done"));
  }

  private double count(String command, String result) {
    return meters.counter("gitlabopsbot.commands", "command", command, "result", result).count();
  }

  private Progress progress(Caller caller, String correlationId) {
    return new NotifierProgress(notifier, caller.channelId());
  }

  private static TargetSettings target(String name) {
    return new TargetSettings(
        name, name, name, "app=toolbox", name + "-backups", name + "-rails-secret");
  }

  private static Caller slack(String user) {
    return new Caller(Caller.SLACK, TEAM, CHANNEL, user, "someone");
  }

  private static String text(Message message) {
    return new TextRenderer().render(message) + "\n" + message.text();
  }
}
