package io.gitlabopsbot;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.access.RedactingAuditLog;
import io.gitlabopsbot.access.Redactor;
import io.gitlabopsbot.access.UserGroupDirectory;
import io.gitlabopsbot.aws.AwsClients;
import io.gitlabopsbot.command.AuditHandler;
import io.gitlabopsbot.command.CommandDispatcher;
import io.gitlabopsbot.command.CommandParser;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.command.HelpHandler;
import io.gitlabopsbot.command.Targets;
import io.gitlabopsbot.command.WhoAmIHandler;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.config.Settings;
import io.gitlabopsbot.kubernetes.KubernetesClients;
import io.gitlabopsbot.logging.LogRedaction;
import io.gitlabopsbot.metrics.MetricHelp;
import io.gitlabopsbot.scheduling.BotJobFactory;
import io.gitlabopsbot.scheduling.QuartzScheduling;
import io.gitlabopsbot.scheduling.SchedulingSettings;
import io.gitlabopsbot.store.Database;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every way of running the bot shares, each built once: settings, redaction, metrics, the
 * store, the audit log, access control, the command catalog behind one dispatcher, and the
 * process-wide clients (Kubernetes, S3, EKS, built on first use), the Quartz scheduler and the
 * sweep thread.
 */
final class Core implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Core.class);

  final Settings settings;
  final Clock clock;
  final Redactor redactor;
  final PrometheusMeterRegistry meters;
  final Database database;
  final AuditLog audit;
  final Targets targets;
  private final Lazy<KubernetesClient> kubernetes;
  private final KubernetesClient kubernetesProxy;
  private final Lazy<S3Client> s3;
  private final Lazy<EksClient> eks;
  private volatile BotJobFactory jobs = BotJobFactory.none();
  private QuartzScheduling quartz;
  private ScheduledExecutorService sweeps;

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
    this.kubernetes =
        new Lazy<>(() -> KubernetesClients.create(settings.proxy(), Duration.ofSeconds(30)));
    this.kubernetesProxy = LazyClient.proxy(KubernetesClient.class, kubernetes);
    this.s3 = new Lazy<>(() -> aws().s3());
    this.eks = new Lazy<>(() -> aws().eks());
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

  /** The one Kubernetes client of the process, built on its first call. */
  KubernetesClient kubernetes() {
    return kubernetesProxy;
  }

  /** The one S3 client of the process (backups, restores, the migration), built on first use. */
  Supplier<S3Client> s3() {
    return s3;
  }

  /** The one EKS client of the process, built on first use. */
  Supplier<EksClient> eks() {
    return eks;
  }

  private AwsClients aws() {
    return new AwsClients(settings.aws(), settings.proxy());
  }

  /** The Quartz jobs the capabilities run; set once, before the scheduler is first used. */
  void jobs(BotJobFactory jobs) {
    this.jobs = jobs;
  }

  /**
   * The one Quartz scheduler, on the store, created on first use and in standby until {@code serve}
   * starts it: {@code run backup schedule set} writes triggers without ever firing one.
   */
  synchronized QuartzScheduling quartz() {
    if (quartz == null) {
      quartz =
          QuartzScheduling.on(
              database,
              SchedulingSettings.from(settings.backup()),
              (bundle, scheduler) -> jobs.newJob(bundle, scheduler));
    }
    return quartz;
  }

  /**
   * Runs {@code sweep} periodically on the one sweep thread; a failed run is logged and retried.
   */
  synchronized void schedule(Sweep sweep) {
    if (sweeps == null) {
      sweeps = Executors.newSingleThreadScheduledExecutor(daemonThreads("sweep"));
    }
    sweeps.scheduleWithFixedDelay(
        () -> {
          try {
            sweep.task().run();
          } catch (RuntimeException e) {
            log.warn("{} failed; it runs again shortly [reason={}]", sweep.name(), e.getMessage());
          }
        },
        sweep.firstAfter().toMillis(),
        sweep.every().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Daemon threads named {@code name-1}, {@code name-2} …: none of them keeps the JVM alive. */
  static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    synchronized (this) {
      if (sweeps != null) {
        sweeps.shutdownNow();
      }
      if (quartz != null) {
        quartz.close();
      }
    }
    for (Lazy<?> client : List.of(kubernetes, s3, eks)) {
      try {
        client.close();
      } catch (Exception e) {
        log.warn("a client did not close cleanly [reason={}]", e.getMessage());
      }
    }
    database.close();
    meters.close();
  }
}
