package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.CommandSpec.ArgumentSpec;
import io.gitlabopsbot.command.CommandSpec.FlagSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.SlackText;
import io.gitlabopsbot.scheduling.BackupSchedules;
import io.gitlabopsbot.scheduling.ScheduleChange;
import java.util.List;

/**
 * {@code /gitlab backup schedule show|set "<cron>" [--tz Zone]|pause|resume}. One spec with the
 * action as its first argument, because command paths are at most two words; it therefore needs the
 * operator role for {@code show} too.
 */
public final class BackupScheduleHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "backup schedule",
          List.of(
              new ArgumentSpec(
                  "action", true, "show|set|pause|resume", "show, set, pause or resume"),
              new ArgumentSpec("cron", false, null, null)),
          List.of(
              FlagSpec.valued(
                  "tz",
                  "<zone>",
                  "[A-Za-z][A-Za-z0-9/_+:-]{0,63}",
                  "time zone of the schedule, e.g. Europe/Berlin (default UTC)")),
          "Show, set, pause or resume the scheduled backup (operator, also for show)",
          Role.OPERATOR,
          false);

  private final BackupSchedules schedules;
  private final String slashCommand;

  public BackupScheduleHandler(BackupSchedules schedules, String slashCommand) {
    this.schedules = schedules;
    this.slashCommand = slashCommand;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    List<String> arguments = invocation.command().arguments();
    String action = arguments.get(0);
    String cron = arguments.size() > 1 ? arguments.get(1) : null;
    String zone = invocation.command().flagValue("tz");
    String target = invocation.target().name();
    boolean dryRun = invocation.dryRun();
    if (!action.equals("set") && (cron != null || zone != null)) {
      return CommandResult.refused(
          "`backup schedule "
              + action
              + "` takes no schedule or --tz; to change the schedule use "
              + setExample());
    }
    return switch (action) {
      case "show" ->
          CommandResult.ok(
              schedules
                  .show(target)
                  .map(BackupScheduleMessages::show)
                  .orElseGet(
                      () ->
                          Message.of(
                              "No backup schedule for "
                                  + SlackText.escape(target)
                                  + ". Set one with "
                                  + setExample())));
      case "set" ->
          cron == null
              ? CommandResult.refused("`set` needs a schedule in quotes: " + setExample())
              : render(schedules.set(target, cron, zone, dryRun));
      case "pause" -> render(schedules.pause(target, dryRun));
      default -> render(schedules.resume(target, dryRun));
    };
  }

  private CommandResult render(ScheduleChange change) {
    if (change instanceof ScheduleChange.Changed changed) {
      return CommandResult.ok(BackupScheduleMessages.changed(changed));
    }
    if (change instanceof ScheduleChange.Unchanged unchanged) {
      // The schedule already is as asked (e.g. pausing a paused one): the request holds.
      return CommandResult.ok(
          BackupScheduleMessages.unchanged(unchanged.reason(), unchanged.view()));
    }
    if (change instanceof ScheduleChange.NoSchedule none) {
      return CommandResult.refused(
          "No backup schedule for "
              + SlackText.escape(none.target())
              + ", so nothing to pause or resume. Set one with "
              + setExample());
    }
    String problem = ((ScheduleChange.Rejected) change).problem();
    String stop = problem.endsWith(".") || problem.endsWith("?") ? " " : ". ";
    return CommandResult.refused(
        Message.of(":x: " + problem + stop + "Nothing was changed."), problem);
  }

  private String setExample() {
    return "`" + slashCommand + " backup schedule set \"0 2 * * *\" --tz Europe/Berlin`";
  }
}
