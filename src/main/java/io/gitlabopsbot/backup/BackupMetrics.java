package io.gitlabopsbot.backup;

import io.gitlabopsbot.config.TargetSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups the Prometheus way, so the cluster's own alerting watches the bot's main job: when the
 * last backup of each target succeeded and failed, how big it was, how long backups take.
 * Timestamps are in seconds since the epoch; 0 means "not seen by this process yet".
 */
public final class BackupMetrics {

  private static final Logger log = LoggerFactory.getLogger(BackupMetrics.class);

  public static final String LAST_SUCCESS = "gitlabopsbot.backup.last.success.timestamp";
  public static final String LAST_FAILURE = "gitlabopsbot.backup.last.failure.timestamp";
  public static final String LAST_SIZE = "gitlabopsbot.backup.last.size";
  public static final String DURATION = "gitlabopsbot.backup.duration";
  public static final String RUNS = "gitlabopsbot.backups";

  /** Records nothing: for tests and for processes that serve no metrics. */
  public static final BackupMetrics NONE = new BackupMetrics(null);

  private final MeterRegistry registry;
  private final Map<String, Target> targets = new ConcurrentHashMap<>();

  public BackupMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private record Target(AtomicLong lastSuccess, AtomicLong lastFailure, AtomicLong lastSize) {}

  private Target target(String name) {
    return targets.computeIfAbsent(
        name,
        n -> {
          Target t = new Target(new AtomicLong(), new AtomicLong(), new AtomicLong());
          gauge(LAST_SUCCESS, n, t.lastSuccess, "seconds", "When the last backup succeeded.");
          gauge(LAST_FAILURE, n, t.lastFailure, "seconds", "When the last backup failed.");
          gauge(LAST_SIZE, n, t.lastSize, "bytes", "Size of the last successful backup.");
          return t;
        });
  }

  private void gauge(String name, String target, AtomicLong value, String unit, String help) {
    Gauge.builder(name, value, AtomicLong::get)
        .baseUnit(unit)
        .description(help + " 0 until this process has seen one.")
        .tag("target", target)
        .register(registry);
  }

  /**
   * Exposes the target's series at 0 until something is known, so a target whose bucket cannot be
   * read shows as "no backup" to the alert rule instead of having no series at all.
   */
  /**
   * Tracks every target and seeds it with the newest backup in its bucket, so the metrics of a
   * restarted bot are not empty; a bucket that cannot be listed starts at 0.
   */
  public void seed(Collection<TargetSettings> targets, BackupCatalog catalog) {
    for (TargetSettings target : targets) {
      track(target.name());
      try {
        catalog.list(target.backupBucket()).newestFirst().stream()
            .findFirst()
            .ifPresent(b -> seed(target.name(), b.name().createdAt(), b.size()));
      } catch (RuntimeException e) {
        log.info(
            "backup metrics start empty for a target whose bucket cannot be listed [target={},"
                + " reason={}]",
            target.name(),
            e.getMessage());
      }
    }
  }

  public void track(String target) {
    if (registry != null) {
      target(target);
    }
  }

  /**
   * The newest backup in the bucket when the bot starts, so a restarted bot does not look as if no
   * backup ever succeeded. Never moves the value back.
   */
  public void seed(String target, Instant newestBackup, long size) {
    if (registry == null) {
      return;
    }
    Target t = target(target);
    if (t.lastSuccess.get() < newestBackup.getEpochSecond()) {
      t.lastSuccess.set(newestBackup.getEpochSecond());
      t.lastSize.set(size);
    }
  }

  /** Records how a backup run ended; refusals and dry runs are not runs. */
  void ended(String target, BackupOutcome outcome, Instant at) {
    if (registry == null) {
      return;
    }
    String result;
    if (outcome instanceof BackupOutcome.Succeeded succeeded) {
      Target t = target(target);
      t.lastSuccess.set(at.getEpochSecond());
      t.lastSize.set(succeeded.sizeBytes());
      Timer.builder(DURATION)
          .description("How long successful backups took, from start to the object in S3.")
          .tag("target", target)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMinutes(1))
          .maximumExpectedValue(Duration.ofHours(12))
          .register(registry)
          .record(succeeded.duration());
      result = "succeeded";
    } else if (outcome instanceof BackupOutcome.Failed) {
      target(target).lastFailure.set(at.getEpochSecond());
      result = "failed";
    } else {
      return;
    }
    Counter.builder(RUNS)
        .description("Backup runs that ended, by target and result.")
        .tag("target", target)
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
