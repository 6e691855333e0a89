package io.gitlabopsbot;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.command.CommandDispatcher;
import io.gitlabopsbot.command.NotifierProgress;
import io.gitlabopsbot.command.Reply;
import io.gitlabopsbot.config.SlackSettings;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.MirroredNotifier;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.migration.ServingBots;
import io.gitlabopsbot.restore.Confirmation;
import io.gitlabopsbot.restore.ConsoleConfirmation;
import io.gitlabopsbot.restore.RestoreSettings;
import io.gitlabopsbot.scheduling.QuartzCheckIns;
import io.gitlabopsbot.slack.BlockKitRenderer;
import io.gitlabopsbot.slack.SlackClients;
import io.gitlabopsbot.slack.SlackWebApiNotifier;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Runs one command from the command line through the same dispatcher as Slack, printing the same
 * messages as text. The caller is the local operating-system user, with the roles in {@code
 * access.cliRoles}; every run is audited with source {@code cli}.
 */
final class CliRunner {

  private final Core core;
  private final PrintStream out;
  private final Map<String, String> env;

  private final Confirmation confirmation;
  private final ServingBots servingBots;

  CliRunner(Core core, PrintStream out, Map<String, String> env) {
    this(core, out, env, new ConsoleConfirmation(RestoreSettings.CONFIRMATION_TIMEOUT));
  }

  /**
   * @param confirmation asks the operator at the terminal to confirm a restore
   */
  CliRunner(Core core, PrintStream out, Map<String, String> env, Confirmation confirmation) {
    this(
        core,
        out,
        env,
        confirmation,
        new QuartzCheckIns(core.database.dataSource(), core.clock)::anyServing);
  }

  /**
   * @param servingBots whether a bot serves on the same store: then a resumed migration is handed
   *     to it
   */
  CliRunner(
      Core core,
      PrintStream out,
      Map<String, String> env,
      Confirmation confirmation,
      ServingBots servingBots) {
    this.core = core;
    this.out = out;
    this.env = env;
    this.confirmation = confirmation;
    this.servingBots = servingBots;
  }

  /**
   * Approval requests go where approvers are: to Slack when it is configured (and shown here too),
   * else only here, where no one else sees them.
   */
  private Notifier approvalNotifier(ConsoleNotifier console) {
    SlackSettings slack = core.settings.slack();
    if (slack.mode() == SlackSettings.Mode.CONSOLE) {
      return console;
    }
    SlackClients clients = new SlackClients(slack, core.settings.proxy());
    return new MirroredNotifier(
        new SlackWebApiNotifier(
            clients.methods(slack.botToken()),
            new BlockKitRenderer(),
            core.meters,
            Sleeper.threadSleep(),
            3,
            Duration.ofSeconds(30)),
        console);
  }

  int run(String text) {
    TextRenderer renderer = new TextRenderer();
    ConsoleNotifier console = new ConsoleNotifier(out, renderer);
    // Long commands run in this thread: the CLI waits for them and reports their real outcome.
    SideEffects effects =
        new SideEffects(
            core.settings.dryRun(), op -> out.println("DRY-RUN, not performed: " + op.describe()));
    try (Capabilities capabilities =
        Capabilities.build(
            new Wiring(
                core,
                false,
                console,
                approvalNotifier(console),
                console,
                effects,
                group -> Set.of(),
                Runnable::run,
                confirmation,
                servingBots,
                false))) {
      return run(capabilities.dispatcher(), renderer, console, text);
    }
  }

  private int run(
      CommandDispatcher dispatcher, TextRenderer renderer, ConsoleNotifier console, String text) {
    Caller caller = new Caller(Caller.CLI, null, null, localUser(), localUser());
    Reply reply =
        dispatcher.dispatch(caller, text, (who, id) -> new NotifierProgress(console, "cli"));
    out.println(renderer.render(reply.message()));
    try {
      return exitCode(reply.completion().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.EXIT_FAILED;
    } catch (ExecutionException e) {
      return Main.EXIT_FAILED;
    }
  }

  private String localUser() {
    String user = env.getOrDefault("USER", System.getProperty("user.name", "unknown"));
    return user.isBlank() ? "unknown" : user;
  }

  private static int exitCode(Reply.Status status) {
    return switch (status) {
      case SUCCEEDED -> Main.EXIT_OK;
      case REFUSED -> Main.EXIT_REFUSED;
      case FAILED -> Main.EXIT_FAILED;
      case DENIED -> Main.EXIT_DENIED;
      case INVALID -> Main.EXIT_INVALID;
    };
  }
}
