package io.gitlabopsbot.scheduling;

import io.gitlabopsbot.config.StoreSettings;
import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One bot replica's scheduling for tests: a store pool, a real Quartz scheduler on it, the console
 * notifier on a buffer, and a recording backup service. Close it like a replica shuts down.
 */
public final class SchedulerFixture implements AutoCloseable {

  /** Settings fast enough for tests: the scheduler looks for work every second. */
  public static SchedulingSettings fast(String instanceId) {
    return new SchedulingSettings(
        instanceId,
        3,
        Duration.ofSeconds(60),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofHours(3),
        Duration.ZERO,
        Duration.ofSeconds(10));
  }

  /** A fire seen by the recording backup service. */
  public record Fire(String node, String target, String scheduleId, Instant scheduledAt) {}

  public final Database database;
  public final JdbcFireHistory history;
  public final ByteArrayOutputStream console = new ByteArrayOutputStream();
  public final List<Fire> fires;
  public final AtomicReference<RuntimeException> triggerFailure = new AtomicReference<>();
  public final AtomicBoolean evidence = new AtomicBoolean();
  public final QuartzScheduling quartz;
  public final BackupSchedules schedules;

  /** A replica on a new pool over the database of {@code store}, sharing {@code fires}. */
  public SchedulerFixture(
      StoreSettings store, SchedulingSettings settings, List<Fire> fires, Duration minimum) {
    this.database =
        Database.open(new StoreSettings(store.jdbcUrl(), store.username(), store.password(), 8));
    this.fires = fires;
    Clock clock = Clock.systemUTC();
    this.history = new JdbcFireHistory(database.dataSource(), clock);
    ScheduleNotices notices =
        new ScheduleNotices(
            new ConsoleNotifier(
                new PrintStream(console, true, StandardCharsets.UTF_8), new TextRenderer()),
            "C0000NOTIF");
    BackupTrigger trigger =
        (target, scheduleId, scheduledAt) -> {
          fires.add(new Fire(settings.instanceId(), target, scheduleId, scheduledAt));
          RuntimeException failure = triggerFailure.get();
          if (failure != null) {
            throw failure;
          }
        };
    BackupEvidence evidenceSource = (target, since) -> evidence.get();
    MissedBackupCheck check = new MissedBackupCheck(evidenceSource, history, notices);
    this.quartz =
        QuartzScheduling.on(
            database,
            settings,
            BotJobFactory.forBackups(
                trigger, history, check, notices, settings.missedBackupDeadline()));
    this.schedules = new BackupSchedules(quartz, history, clock, minimum);
  }

  public SchedulerFixture(StoreSettings store, SchedulingSettings settings) {
    this(store, settings, new CopyOnWriteArrayList<>(), Duration.ZERO);
  }

  public String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    quartz.close();
    database.close();
  }
}
