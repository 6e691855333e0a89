package io.gitlabopsbot;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.alerts.AlertActions;
import io.gitlabopsbot.alerts.AlertDelivery;
import io.gitlabopsbot.alerts.AlertInbox;
import io.gitlabopsbot.alerts.AlertRoutesConfig;
import io.gitlabopsbot.alerts.AlertmanagerEndpoint;
import io.gitlabopsbot.alerts.AlertmanagerSilences;
import io.gitlabopsbot.alerts.AlertsListHandler;
import io.gitlabopsbot.alerts.AlertsTestHandler;
import io.gitlabopsbot.alerts.ChannelPacer;
import io.gitlabopsbot.alerts.JdbcAlertGroups;
import io.gitlabopsbot.alerts.JdbcAlertInbox;
import io.gitlabopsbot.alerts.ParentButtons;
import io.gitlabopsbot.alerts.Silences;
import io.gitlabopsbot.alerts.SnsEndpoint;
import io.gitlabopsbot.alerts.SnsHttpCertificateSource;
import io.gitlabopsbot.alerts.SnsHttpClients;
import io.gitlabopsbot.alerts.SnsSettings;
import io.gitlabopsbot.alerts.SnsSignatureVerifier;
import io.gitlabopsbot.alerts.SnsSubscriptionConfirmer;
import io.gitlabopsbot.alerts.SnsUrlPolicy;
import io.gitlabopsbot.alerts.Watchdog;
import io.gitlabopsbot.alerts.WebhookAuth;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.config.AlertsConfig;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.slack.JdbcReplayGuard;
import io.gitlabopsbot.web.HttpFront;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires alerts: the Alertmanager and SNS webhooks into the durable inbox, and the worker that
 * delivers the inbox to Slack threads. The webhooks open only when alerts can be delivered
 * somewhere, so no sender is told "accepted" for alerts nobody will see. Also the {@code alerts}
 * commands and the Acknowledge / Silence buttons of alert threads.
 */
final class AlertsCapability implements Capability {

  private static final Logger log = LoggerFactory.getLogger(AlertsCapability.class);

  private final Core core;
  private final Notifier notifier;
  private final AlertsConfig config;
  private final AlertDelivery delivery;
  private final ScheduledExecutorService deliveryThread;
  private final Silences silences;
  private final JdbcAlertInbox inbox;
  private final Watchdog watchdog;
  private final List<CommandRegistration> commands;

  AlertsCapability(Wiring wiring) {
    this.core = wiring.core();
    this.notifier = wiring.alertNotifier();
    this.config = core.settings.alerts();
    this.silences =
        config.alertmanagerApi() == null
            ? null
            : new AlertmanagerSilences(
                SnsHttpClients.create(core.settings.proxy()),
                config.alertmanagerApi(),
                Duration.ofSeconds(5));
    JdbcAlertGroups groups = new JdbcAlertGroups(core.database.dataSource());
    if (!config.enabled()) {
      if (wiring.serving()) {
        log.info(
            "alerts.defaultChannel and alerts.routes are not set: the alert webhooks stay closed");
      }
      this.inbox = null;
      this.watchdog = null;
      this.delivery = null;
      this.deliveryThread = null;
      this.commands = commands(groups, null);
      return;
    }
    this.inbox =
        new JdbcAlertInbox(
            core.database.dataSource(), AlertRoutesConfig.routes(config), core.clock, core.meters);
    this.commands = commands(groups, inbox);
    this.watchdog =
        config.watchdogAlertName() == null
            ? null
            : new Watchdog(
                core.database.dataSource(),
                notifier,
                config.defaultChannel(),
                config.watchdogAlertName(),
                config.watchdogEvery(),
                core.clock);
    this.deliveryThread =
        Executors.newSingleThreadScheduledExecutor(Core.daemonThreads("alert-delivery"));
    this.delivery =
        new AlertDelivery(
            inbox,
            notifier,
            new ChannelPacer(core.clock, Duration.ofSeconds(1)),
            core.clock,
            core.meters,
            config.stormDigestAbove(),
            !wiring.alertButtons()
                ? ParentButtons.NONE
                : silences == null ? ParentButtons.ACK : ParentButtons.ACK_AND_SILENCE);
  }

  private List<CommandRegistration> commands(JdbcAlertGroups groups, JdbcAlertInbox inbox) {
    return List.of(
        new CommandRegistration(AlertsListHandler.SPEC, new AlertsListHandler(groups, silences)),
        new CommandRegistration(AlertsTestHandler.SPEC, new AlertsTestHandler(inbox, core.clock)));
  }

  /** {@code /gitlab alerts} and {@code /gitlab alerts test}. */
  @Override
  public List<CommandRegistration> commands() {
    return commands;
  }

  /**
   * The Alertmanager webhook and, when topics are configured, the SNS endpoint; none when alert
   * delivery is off, so no sender is told "accepted" for alerts nobody will see.
   */
  @Override
  public void routes(HttpFront http) {
    if (inbox == null) {
      return;
    }
    AlertInbox alertmanagerInbox = watchdog == null ? inbox : watchdog.filtering(inbox);
    new AlertmanagerEndpoint(
            new WebhookAuth(config.webhookToken(), config.webhookUser(), config.webhookPassword()),
            alertmanagerInbox,
            core.meters)
        .register(http);
    if (!config.snsTopicArns().isEmpty()) {
      HttpClient client = SnsHttpClients.create(core.settings.proxy());
      new SnsEndpoint(
              new SnsSettings(config.snsTopicArns()),
              new SnsSignatureVerifier(
                  new SnsHttpCertificateSource(client, Duration.ofSeconds(10), 32),
                  SnsUrlPolicy.awsOnly(),
                  core.clock),
              SnsUrlPolicy.awsOnly(),
              new SnsSubscriptionConfirmer(client, Duration.ofSeconds(10)),
              new JdbcReplayGuard(core.database.dataSource(), core.clock),
              inbox,
              core.meters)
          .register(http);
    }
  }

  @Override
  public List<Sweep> sweeps() {
    return watchdog == null
        ? List.of()
        : List.of(
            new Sweep(
                "watchdog check", Duration.ofSeconds(30), Duration.ofSeconds(30), watchdog::check));
  }

  /**
   * What the alert buttons do, or null when alert delivery is off (then no parent has buttons).
   *
   * @param access the Slack connection's access policy
   */
  AlertActions actions(AccessPolicy access) {
    if (delivery == null) {
      return null;
    }
    return new AlertActions(
        new JdbcAlertGroups(core.database.dataSource()),
        silences,
        access,
        core.audit,
        notifier,
        core.clock);
  }

  @Override
  public void start() {
    if (delivery != null) {
      delivery.start(deliveryThread);
    }
  }

  @Override
  public void close() {
    if (delivery != null) {
      delivery.close();
      deliveryThread.shutdownNow();
    }
  }
}
