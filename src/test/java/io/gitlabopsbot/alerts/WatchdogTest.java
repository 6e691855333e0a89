package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WatchdogTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final ByteArrayOutputStream posted = new ByteArrayOutputStream();
  private final ConsoleNotifier notifier =
      new ConsoleNotifier(
          new PrintStream(posted, true, StandardCharsets.UTF_8), new TextRenderer());
  private final List<AlertEvent> forwarded = new ArrayList<>();
  private Database database;

  @AfterEach
  void close() {
    database.close();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void watchdog_isKeptOutOfSlackWhileOtherAlertsPass(TestDatabases.Kind kind) {
    database = kind.get();
    AlertInbox inbox = watchdog().filtering(this::record);

    int accepted = inbox.accept(List.of(event("Watchdog"), event("GitlabDown")));

    assertThat(accepted).isEqualTo(1);
    assertThat(forwarded).extracting(AlertEvent::title).containsExactly("GitlabDown");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void check_whenTheWatchdogStops_warnsOnceAndSaysOnceWhenItIsBack(TestDatabases.Kind kind) {
    database = kind.get();
    Watchdog watchdog = watchdog();
    AlertInbox inbox = watchdog.filtering(this::record);
    inbox.accept(List.of(event("Watchdog")));

    clock.advance(Duration.ofMinutes(9));
    watchdog.check();
    assertThat(text()).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    watchdog.check();
    watchdog.check();
    watchdog().check(); // a restarted bot or a second replica
    assertThat(count("pipeline is silent")).isEqualTo(1);

    inbox.accept(List.of(event("Watchdog")));
    inbox.accept(List.of(event("Watchdog")));
    assertThat(count("pipeline is back")).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void check_whenTheWatchdogNeverArrived_warnsAfterOnePeriodFromStart(TestDatabases.Kind kind) {
    database = kind.get();
    Watchdog watchdog = watchdog();

    clock.advance(Duration.ofMinutes(11));
    watchdog.check();
    watchdog.check();

    assertThat(count("pipeline is silent")).isEqualTo(1);
  }

  private Watchdog watchdog() {
    return new Watchdog(
        database.dataSource(), notifier, "C0000ALRT", "Watchdog", Duration.ofMinutes(10), clock);
  }

  private int record(List<AlertEvent> events) {
    forwarded.addAll(events);
    return events.size();
  }

  private String text() {
    return posted.toString(StandardCharsets.UTF_8);
  }

  private long count(String phrase) {
    return text().lines().filter(line -> line.contains(phrase)).count();
  }

  private AlertEvent event(String name) {
    return new AlertEvent(
        "alertmanager",
        "{}:{alertname=\"" + name + "\"}",
        AlertEvent.Status.FIRING,
        "none",
        name,
        "",
        "",
        Map.of("alertname", name),
        List.of(),
        clock.instant(),
        null,
        name + "-" + clock.instant());
  }
}
