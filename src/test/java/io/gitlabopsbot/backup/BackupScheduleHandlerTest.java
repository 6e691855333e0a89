package io.gitlabopsbot.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.command.CommandParser;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.ParseResult;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.scheduling.SchedulerFixture;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackupScheduleHandlerTest {

  private static final TargetSettings TARGET =
      new TargetSettings(
          "gitlab", "gitlab", "gitlab", "app=toolbox", "gitlab-backups", "gitlab-rails-secret");

  private final SchedulerFixture node =
      new SchedulerFixture(
          TestDatabases.h2Settings(),
          SchedulerFixture.fast("solo"),
          new CopyOnWriteArrayList<>(),
          Duration.ofHours(1));
  private final BackupScheduleHandler handler =
      new BackupScheduleHandler(node.schedules, "/gitlab");
  private final CommandParser parser =
      new CommandParser("/gitlab", List.of(BackupScheduleHandler.SPEC));
  private final TextRenderer renderer = new TextRenderer();
  private CommandResult last;

  @AfterEach
  void close() {
    node.close();
  }

  @Test
  void spec_needsOperator() {
    assertThat(BackupScheduleHandler.SPEC.role()).isEqualTo(Role.OPERATOR);
    assertThat(BackupScheduleHandler.SPEC.path()).isEqualTo("backup schedule");
  }

  @Test
  void set_thenShow_listsCronZoneStateAndNextThreeFires() {
    String set = run("backup schedule set \"0 2 * * *\" --tz Europe/Berlin");

    assertThat(set)
        .contains("The backup schedule of gitlab is set")
        .contains("Schedule: `0 2 * * *`")
        .contains("Time zone: Europe/Berlin")
        .contains("State: active")
        .contains("Last fire: never fired");
    String next = set.lines().filter(l -> l.startsWith("Next backups: ")).findFirst().orElseThrow();
    assertThat(next.split(", ")).hasSize(3).allSatisfy(f -> assertThat(f).contains("02:00 CET"));

    String show = run("backup schedule show");

    assertThat(show).contains("Backup schedule of gitlab").contains("Schedule: `0 2 * * *`");
  }

  @Test
  void set_whenCronMalformed_quotesItAndChangesNothing() {
    String reply = run("backup schedule set \"0 2 * *\"");

    assertThat(reply)
        .contains("0 2 * *")
        .contains("is not a valid cron schedule")
        .contains("Example: `0 2 * * *`")
        .contains("Nothing was changed");
    assertThat(last).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) last).reason()).contains("is not a valid cron schedule");
    assertThat(run("backup schedule show")).contains("No backup schedule for gitlab");
    assertThat(last).isInstanceOf(CommandResult.Succeeded.class);
  }

  @Test
  void set_whenZoneUnknown_saysSoAndChangesNothing() {
    String reply = run("backup schedule set \"0 2 * * *\" --tz Mars/Olympus");

    assertThat(reply).contains("unknown time zone `Mars/Olympus`").contains("Nothing was changed");
    assertThat(run("backup schedule show")).contains("No backup schedule for gitlab");
  }

  @Test
  void set_whenUnquoted_isRefusedByTheParser() {
    ParseResult parsed = parser.parse("backup schedule set 0 2 * * *");

    assertThat(parsed).isInstanceOf(ParseResult.Invalid.class);
    assertThat(((ParseResult.Invalid) parsed).problem()).contains("unexpected argument");
  }

  @Test
  void set_withoutCron_explainsHow() {
    assertThat(run("backup schedule set"))
        .contains("`set` needs a schedule in quotes")
        .contains("/gitlab backup schedule set \"0 2 * * *\" --tz Europe/Berlin");
  }

  @Test
  void show_withCron_isRefused() {
    assertThat(run("backup schedule show \"0 2 * * *\"")).contains("takes no schedule or --tz");
    assertThat(last).isInstanceOf(CommandResult.Refused.class);
  }

  @Test
  void pauseAndResume_changeTheState() {
    assertThat(run("backup schedule pause")).contains("No backup schedule for gitlab");
    assertThat(last).isInstanceOf(CommandResult.Refused.class);
    run("backup schedule set \"0 2 * * *\"");
    assertThat(last).isInstanceOf(CommandResult.Succeeded.class);

    assertThat(run("backup schedule pause"))
        .contains("is paused: no backups until it is resumed")
        .contains("State: paused")
        .contains("none while paused");
    assertThat(run("backup schedule pause")).contains("left as it is: it is already paused");
    assertThat(last).isInstanceOf(CommandResult.Succeeded.class);
    assertThat(run("backup schedule resume")).contains("is resumed").contains("State: active");
  }

  @Test
  void set_whenDryRun_changesNothing() {
    String reply = run("backup schedule set \"0 2 * * *\"", true);

    assertThat(reply)
        .contains("Dry run, nothing changed: the backup schedule of gitlab would be set");
    assertThat(last).isInstanceOf(CommandResult.Succeeded.class);
    assertThat(run("backup schedule show")).contains("No backup schedule for gitlab");
  }

  @Test
  void action_whenUnknown_isRefusedByTheParser() {
    ParseResult parsed = parser.parse("backup schedule delete");

    assertThat(((ParseResult.Invalid) parsed).problem()).contains("show, set, pause or resume");
  }

  private String run(String text) {
    return run(text, false);
  }

  private String run(String text, boolean dryRun) {
    ParseResult parsed = parser.parse(text);
    assertThat(parsed).isInstanceOf(ParseResult.Parsed.class);
    Invocation invocation =
        new Invocation(
            (ParseResult.Parsed) parsed,
            new Caller(Caller.SLACK, "T0000TEAM", "C0000OPS1", "U0000OPER", "oper"),
            "abc123",
            TARGET,
            dryRun);
    last = handler.handle(invocation, Progress.NONE);
    return renderer.render(last.message());
  }
}
