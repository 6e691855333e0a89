package io.gitlabopsbot;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.access.RedactingAuditLog;
import io.gitlabopsbot.access.Redactor;
import io.gitlabopsbot.access.UserGroupDirectory;
import io.gitlabopsbot.command.AuditHandler;
import io.gitlabopsbot.command.CommandDispatcher;
import io.gitlabopsbot.command.CommandParser;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.command.HelpHandler;
import io.gitlabopsbot.command.Targets;
import io.gitlabopsbot.command.WhoAmIHandler;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.config.Settings;
import io.gitlabopsbot.logging.LogRedaction;
import io.gitlabopsbot.metrics.MetricHelp;
import io.gitlabopsbot.store.Database;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every way of running the bot shares: settings, redaction, metrics, the store, the audit log,
 * access control, and the command catalog behind one dispatcher.
 */
final class Core implements AutoCloseable {

  final Settings settings;
  final Clock clock;
  final Redactor redactor;
  final PrometheusMeterRegistry meters;
  final Database database;
  final AuditLog audit;
  final Targets targets;
  private io.fabric8.kubernetes.client.KubernetesClient kubernetes;

  Core(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.redactor = new Redactor(settings.secrets().stream().map(Secret::value).toList());
    LogRedaction.install(redactor);
    this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    meters.config().meterFilter(new MetricHelp());
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    this.database = Database.open(settings.store());
    // Every audit row is masked with the same redactor as the logs, whoever writes it.
    this.audit = new RedactingAuditLog(new JdbcAuditLog(database.dataSource(), clock), redactor);
    this.targets = new Targets(settings.targets(), settings.defaultTarget());
  }

  /** Who may do what; one policy per Slack connection (it caches user-group members). */
  AccessPolicy access(UserGroupDirectory groups) {
    return new AccessPolicy(settings.access(), groups);
  }

  /** Builds the dispatcher with every command the bot knows. */
  CommandDispatcher dispatcher(
      UserGroupDirectory groups, Executor background, List<CommandRegistration> capabilities) {
    AccessPolicy access = access(groups);
    String slash = settings.slack().slashCommand();
    List<CommandRegistration> commands = new ArrayList<>();
    List<io.gitlabopsbot.command.CommandSpec> specs = new ArrayList<>();
    commands.add(
        new CommandRegistration(
            HelpHandler.SPEC, new HelpHandler(() -> specs, slash, access, targets)));
    commands.add(new CommandRegistration(WhoAmIHandler.SPEC, new WhoAmIHandler(access)));
    commands.add(new CommandRegistration(AuditHandler.SPEC, new AuditHandler(audit)));
    commands.addAll(capabilities);
    commands.forEach(registration -> specs.add(registration.spec()));
    CommandParser parser = new CommandParser(slash, specs);
    return new CommandDispatcher(
        parser,
        commands,
        access,
        audit,
        redactor,
        targets,
        background,
        meters,
        clock,
        correlationIds(),
        settings.dryRun());
  }

  private static Supplier<String> correlationIds() {
    SecureRandom random = new SecureRandom();
    return () -> {
      byte[] bytes = new byte[6];
      random.nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    };
  }

  /** The one Kubernetes client of the process, shared by every capability. */
  synchronized io.fabric8.kubernetes.client.KubernetesClient kubernetes() {
    if (kubernetes == null) {
      kubernetes =
          io.gitlabopsbot.kubernetes.KubernetesClients.create(
              settings.proxy(), java.time.Duration.ofSeconds(30));
    }
    return kubernetes;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (kubernetes != null) {
        kubernetes.close();
      }
    }
    database.close();
    meters.close();
  }
}
