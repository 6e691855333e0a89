package io.gitlabopsbot;

import io.gitlabopsbot.config.ConfigException;
import io.gitlabopsbot.config.Settings;
import io.gitlabopsbot.config.SettingsLoader;
import io.gitlabopsbot.net.EnvironmentProxy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Entry point: reads the command line, loads settings once, and hands over to the bot or CLI. */
@Command(
    name = "gitlab-ops-bot",
    mixinStandardHelpOptions = true,
    version = "gitlab-ops-bot 0.1.0",
    description = "Operate a self-managed GitLab on Kubernetes from Slack.",
    subcommands = {Main.Serve.class, Main.Run.class, Main.CheckConfig.class},
    exitCodeListHeading = "%nExit codes (of run; serve and check-config use 0 and 2):%n",
    exitCodeList = {
      "0:the command succeeded (a dry run or a report counts)",
      "1:failed: the work was tried and did not succeed",
      "2:the configuration is invalid; nothing was run",
      "3:denied: the CLI user lacks the role (access.cliRoles)",
      "4:invalid command or arguments",
      "5:refused: nothing was done (e.g. a backup already running, an unknown backup)"
    })
public final class Main implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_CONFIG = 2;
  static final int EXIT_DENIED = 3;
  static final int EXIT_INVALID = 4;

  /** The command refused (a backup already running, an unknown backup …): nothing was done. */
  static final int EXIT_REFUSED = 5;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  Main(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.getenv(), System.out, System.err));
  }

  static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Main main = new Main(env, out, err);
    CommandLine commandLine = new CommandLine(main, new Factory(main));
    // Everything after the first word of a bot command belongs to it (`run backup schedule set
    // "0 2 * * *" --tz Europe/Berlin`), so picocli must not read its flags.
    commandLine.setStopAtPositional(true);
    commandLine.setOut(new java.io.PrintWriter(out, true));
    commandLine.setErr(new java.io.PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** Without a subcommand the bot serves, so {@code java -jar gitlab-ops-bot.jar} just works. */
  @Override
  public Integer call() throws Exception {
    return new Serve(this).call();
  }

  /** Loads the settings, or prints every problem and returns empty. */
  Optional<Settings> loadOrReport(Common common) {
    try {
      return Optional.of(load(common.config, common.dryRun));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return Optional.empty();
    }
  }

  Settings load(Path config, boolean dryRun) {
    return new SettingsLoader(env, EnvironmentProxy::fromEnvironment).load(config, dryRun);
  }

  /**
   * The command as the bot's parser expects it. One argument is taken as the whole command, as
   * typed in Slack ({@code run "backup schedule set '0 2 * * *'"}); several are words the shell
   * already split, and those holding spaces (a quoted cron expression) are quoted again.
   */
  static String commandText(List<String> words) {
    if (words.size() == 1) {
      return words.get(0);
    }
    StringBuilder text = new StringBuilder();
    for (String word : words) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      boolean quote =
          word.isEmpty()
              || word.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'');
      text.append(quote ? '"' + word.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : word);
    }
    return text.toString();
  }

  /** Options every subcommand takes. */
  static class Common {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "YAML config file (default: $GITLAB_OPS_BOT_CONFIG, else embedded defaults)")
    Path config;

    @Option(
        names = "--dry-run",
        description = "Perform no side effect: print each Kubernetes, SSH or S3 change instead")
    boolean dryRun;
  }

  @Command(name = "serve", description = "Run the bot (Slack, HTTP endpoints, schedules).")
  static final class Serve implements Callable<Integer> {
    private final Main main;
    @CommandLine.Mixin Common common = new Common();

    Serve(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws Exception {
      Optional<Settings> loaded = main.loadOrReport(common);
      if (loaded.isEmpty()) {
        return EXIT_CONFIG;
      }
      Settings settings = loaded.get();
      Core core = new Core(settings, Clock.systemUTC());
      Bot bot;
      try {
        bot = Bot.start(core, main.out);
      } catch (ConfigException e) {
        main.err.println(e.getMessage());
        core.close();
        return EXIT_CONFIG;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    bot.close();
                    stopped.countDown();
                  },
                  "shutdown"));
      stopped.await();
      return EXIT_OK;
    }
  }

  @Command(
      name = "run",
      description =
          "Run one bot command and print its messages, e.g. run backup list (for scripts, and when Slack is down).")
  static final class Run implements Callable<Integer> {
    private final Main main;
    @CommandLine.Mixin Common common = new Common();

    @Parameters(
        arity = "0..*",
        paramLabel = "COMMAND",
        description = "the command, as typed after /gitlab")
    List<String> words = List.of();

    Run(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      Optional<Settings> loaded = main.loadOrReport(common);
      if (loaded.isEmpty()) {
        return EXIT_CONFIG;
      }
      Settings settings = loaded.get();
      try (Core core = new Core(settings, Clock.systemUTC())) {
        return new CliRunner(core, main.out, main.env).run(commandText(words));
      }
    }
  }

  @Command(
      name = "check-config",
      description = "Validate the configuration and environment, then exit.")
  static final class CheckConfig implements Callable<Integer> {
    private final Main main;
    @CommandLine.Mixin Common common = new Common();

    CheckConfig(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      Optional<Settings> loaded = main.loadOrReport(common);
      loaded.ifPresent(settings -> main.out.println(ConfigSummary.describe(settings)));
      return loaded.isPresent() ? EXIT_OK : EXIT_CONFIG;
    }
  }

  /** Lets picocli build subcommands that need the shared environment and streams. */
  private record Factory(Main main) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == Serve.class) {
        return type.cast(new Serve(main));
      }
      if (type == Run.class) {
        return type.cast(new Run(main));
      }
      if (type == CheckConfig.class) {
        return type.cast(new CheckConfig(main));
      }
      if (type == Main.class) {
        return type.cast(main);
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
