package io.gitlabopsbot.scheduling;

import io.gitlabopsbot.store.Database;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's Quartz scheduler: persistent in the bot's database and clustered, so schedules survive
 * restarts and each fire runs on exactly one replica. Created in standby; {@link #start()} lets it
 * fire, {@link #close()} stops it within {@link SchedulingSettings#shutdownTimeout()}.
 */
public final class QuartzScheduling implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QuartzScheduling.class);

  private final DataSource dataSource;
  private final String vendor;
  private final SchedulingSettings settings;
  private final JobFactory jobs;
  private Scheduler scheduler;

  /**
   * A scheduler on the store's pool; {@code vendor} is "h2" or "postgresql". Quartz itself is set
   * up on first use, so a process that never touches a schedule (most CLI commands) never pays for
   * it.
   */
  public QuartzScheduling(
      DataSource dataSource, String vendor, SchedulingSettings settings, JobFactory jobs) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.vendor = vendor;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
  }

  private synchronized Scheduler create() {
    if (scheduler != null) {
      return scheduler;
    }
    // Quartz finds connection providers by name in a JVM-wide registry; a unique name per
    // scheduler keeps two schedulers on two pools (as in tests) from sharing one.
    String dataSourceName = "gitlab-ops-bot-store-" + UUID.randomUUID();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSourceName, new StoreConnectionProvider(dataSource));
    try {
      Scheduler created = instantiate(QuartzProperties.of(settings, vendor, dataSourceName));
      created.setJobFactory(jobs);
      scheduler = created;
      return created;
    } catch (SchedulerException e) {
      throw new SchedulingException(
          "Could not create the backup scheduler on the "
              + vendor
              + " store: "
              + e.getMessage()
              + ". Check that the store's migrations created the qrtz_ tables.",
          e);
    }
  }

  /** A scheduler on {@code database}'s pool. */
  public static QuartzScheduling on(
      Database database, SchedulingSettings settings, JobFactory jobs) {
    return new QuartzScheduling(database.dataSource(), database.vendor(), settings, jobs);
  }

  /** Lets triggers fire; due and missed fires are handled from now on. */
  public void start() {
    try {
      Scheduler started = create();
      started.start();
      log.info(
          "Backup scheduler started [instance={}, clustered=true]",
          started.getSchedulerInstanceId());
    } catch (SchedulerException e) {
      throw new SchedulingException(
          "Could not start the backup scheduler: "
              + e.getMessage()
              + ". Check that the store database is reachable.",
          e);
    }
  }

  /** The Quartz scheduler, for the services of this package. */
  Scheduler scheduler() {
    return create();
  }

  /** Stops firing and waits (bounded) for running jobs; never throws. */
  @Override
  public void close() {
    Scheduler scheduler;
    synchronized (this) {
      scheduler = this.scheduler;
    }
    if (scheduler == null) {
      return;
    }
    Thread stopper =
        new Thread(
            () -> {
              try {
                scheduler.shutdown(true);
              } catch (SchedulerException e) {
                log.warn("Backup scheduler did not shut down cleanly", e);
              }
            },
            "backup-scheduler-shutdown");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(settings.shutdownTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopper.isAlive()) {
      log.warn(
          "Backup scheduler jobs still running after {}; they are abandoned, and a backup they"
              + " started keeps running in the cluster",
          settings.shutdownTimeout());
    }
  }

  private static Scheduler instantiate(java.util.Properties properties) throws SchedulerException {
    SchedulerRepository repository = SchedulerRepository.getInstance();
    // Quartz keeps one scheduler per name per JVM. Replicas must share the name (Quartz clusters
    // by it), so the registration is dropped: each QuartzScheduling owns its scheduler, and a
    // second one in the same JVM (a test standing in for a second replica) gets its own.
    synchronized (repository) {
      Scheduler created = new StdSchedulerFactory(properties).getScheduler();
      repository.remove(QuartzProperties.INSTANCE_NAME);
      return created;
    }
  }
}
