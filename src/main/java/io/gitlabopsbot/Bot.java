package io.gitlabopsbot;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.socket_mode.SocketModeClient;
import io.gitlabopsbot.access.UserGroupDirectory;
import io.gitlabopsbot.approval.ApprovalActions;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.TypedConfirmation;
import io.gitlabopsbot.command.CommandDispatcher;
import io.gitlabopsbot.config.SlackSettings;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.message.RedactingNotifier;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.metrics.MetricNames;
import io.gitlabopsbot.migration.ServingBots;
import io.gitlabopsbot.restore.Confirmation;
import io.gitlabopsbot.restore.RestorePlan;
import io.gitlabopsbot.slack.BlockKitRenderer;
import io.gitlabopsbot.slack.JdbcReplayGuard;
import io.gitlabopsbot.slack.SlackClients;
import io.gitlabopsbot.slack.SlackHttpEndpoint;
import io.gitlabopsbot.slack.SlackSignatureVerifier;
import io.gitlabopsbot.slack.SlackUserGroupDirectory;
import io.gitlabopsbot.slack.SlackWebApiNotifier;
import io.gitlabopsbot.web.HealthRoutes;
import io.gitlabopsbot.web.HttpFront;
import io.gitlabopsbot.web.NamedCheck;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: HTTP listeners (public: Slack in http mode and alert webhooks; management:
 * health and metrics), the Slack connection (socket or http mode, or the console when Slack is not
 * configured), and the work executor.
 */
final class Bot implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  private final Core core;
  private final HttpFront http;
  private final HttpFront management;
  private final HealthRoutes health;
  private final ThreadPoolExecutor work;
  private final SocketModeApp socketMode;
  private final Capabilities capabilities;
  final CommandDispatcher dispatcher;

  private Bot(
      Core core,
      HttpFront http,
      HttpFront management,
      HealthRoutes health,
      ThreadPoolExecutor work,
      SocketModeApp socketMode,
      Capabilities capabilities,
      CommandDispatcher dispatcher) {
    this.core = core;
    this.http = http;
    this.management = management;
    this.health = health;
    this.work = work;
    this.socketMode = socketMode;
    this.capabilities = capabilities;
    this.dispatcher = dispatcher;
  }

  static Bot start(Core core, PrintStream console) throws Exception {
    SlackSettings slack = core.settings.slack();
    ThreadPoolExecutor work = workExecutor(core);
    BlockKitRenderer renderer = new BlockKitRenderer();
    HttpFront http = new HttpFront(core.settings.http(), core.meters);
    HttpFront management = HttpFront.management(core.settings.http(), core.meters);
    List<NamedCheck> checks = new ArrayList<>();
    checks.add(new NamedCheck("store", () -> core.database.isReachable(Duration.ofSeconds(2))));
    boolean consoleMode = slack.mode() == SlackSettings.Mode.CONSOLE;
    SlackClients clients = consoleMode ? null : new SlackClients(slack, core.settings.proxy());
    MethodsClient methods = consoleMode ? null : clients.methods(slack.botToken());
    // Whatever a capability puts in a message, secrets the bot knows of are masked on the way out.
    Notifier notifier =
        new RedactingNotifier(
            consoleMode
                ? new ConsoleNotifier(console, new TextRenderer())
                : new SlackWebApiNotifier(
                    methods,
                    renderer,
                    core.meters,
                    Sleeper.threadSleep(),
                    3,
                    Duration.ofSeconds(30)),
            core.redactor::redact);
    UserGroupDirectory groups =
        consoleMode
            ? group -> Set.of()
            : new SlackUserGroupDirectory(methods, core.clock, Duration.ofMinutes(5));
    // Alert delivery paces itself and handles 429s, so its notifier never sleeps on Retry-After.
    Notifier alertNotifier =
        consoleMode
            ? notifier
            : new RedactingNotifier(
                new SlackWebApiNotifier(
                    methods,
                    renderer,
                    core.meters,
                    Sleeper.threadSleep(),
                    1,
                    Duration.ofSeconds(30)),
                core.redactor::redact);
    Capabilities capabilities =
        Capabilities.build(
            new Wiring(
                core,
                true,
                notifier,
                notifier,
                alertNotifier,
                new SideEffects(core.settings.dryRun(), op -> {}),
                groups,
                work,
                Confirmation.NO_TERMINAL,
                ServingBots.NONE,
                !consoleMode));
    CommandDispatcher dispatcher = capabilities.dispatcher();
    SocketModeApp socketMode = null;
    if (consoleMode) {
      log.warn(
          "No Slack credentials are set (SLACK_BOT_TOKEN and SLACK_APP_TOKEN, or SLACK_SIGNING_SECRET"
              + " for http mode): running in console mode. Messages are printed here; try a command"
              + " with `java -jar gitlab-ops-bot.jar run help`. See README, 'Connect Slack'.");
      notifier.post("console", Message.of("gitlab-ops-bot started in console mode"));
    } else {
      AppConfig.AppConfigBuilder config =
          AppConfig.builder().slack(clients.slack()).singleTeamBotToken(slack.botToken().value());
      if (slack.mode() == SlackSettings.Mode.HTTP) {
        config.signingSecret(slack.signingSecret().value());
      }
      App app = new App(config.build());
      ApprovalActions buttons =
          new ApprovalActions(
              capabilities.approvals(),
              new ApprovalMessages(),
              capabilities::onApproved,
              core.settings.restore().typedConfirmation()
                  ? List.of(
                      new TypedConfirmation(RestorePlan.KIND, RestorePlan.BACKUP, "backup ID"))
                  : List.of());
      SlackListeners.register(
          app,
          slack.slashCommand(),
          dispatcher,
          notifier,
          renderer,
          buttons,
          capabilities.alerts().actions(core.access(groups)),
          work);
      if (slack.mode() == SlackSettings.Mode.HTTP) {
        new SlackHttpEndpoint(
                app,
                new SlackSignatureVerifier(slack.signingSecret(), core.clock),
                new JdbcReplayGuard(core.database.dataSource(), core.clock),
                core.meters)
            .register(http);
        checks.add(new NamedCheck("slack", new SlackAuthCheck(methods, core.clock)::ready));
      } else {
        socketMode =
            new SocketModeApp(
                slack.appToken().value(), app, SocketModeClient.Backend.JavaWebSocket);
        socketMode.startAsync();
        SocketModeApp connected = socketMode;
        checks.add(
            new NamedCheck(
                "slack",
                () -> !connected.isClientStopped() && connected.getClient().verifyConnection()));
      }
      log.info("Slack connected [mode={}]", slack.mode().name().toLowerCase(java.util.Locale.ROOT));
    }
    HealthRoutes health = new HealthRoutes(checks, core.meters, Duration.ofSeconds(2));
    health.register(management);
    capabilities.routes(http);
    management.start();
    http.start();
    capabilities.start();
    return new Bot(core, http, management, health, work, socketMode, capabilities, dispatcher);
  }

  int httpPort() {
    return http.port();
  }

  int managementPort() {
    return management.port();
  }

  private static ThreadPoolExecutor workExecutor(Core core) {
    // Bounded: a flood of commands is refused with a clear message instead of piling up.
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(50), Core.daemonThreads("work"));
    core.meters.gauge(MetricNames.WORK_QUEUE_DEPTH, executor, e -> e.getQueue().size());
    core.meters.gauge(MetricNames.WORK_ACTIVE, executor, ThreadPoolExecutor::getActiveCount);
    return executor;
  }

  @Override
  public void close() {
    if (socketMode != null) {
      try {
        socketMode.stop();
      } catch (Exception e) {
        log.warn("Socket Mode did not stop cleanly", e);
      }
    }
    http.close();
    management.close();
    health.close();
    work.shutdown();
    try {
      if (!work.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("background work still running at shutdown [active={}]", work.getActiveCount());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    capabilities.close();
    core.close();
  }
}
