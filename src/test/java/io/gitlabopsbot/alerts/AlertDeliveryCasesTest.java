package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertDeliveryTest.gitalyDown;
import static io.gitlabopsbot.alerts.AlertDeliveryTest.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.alerts.AlertInbox.AlertInboxUnavailableException;
import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.DeliveryException;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases where the exact Slack request is not the point: the console shows what was posted. */
class AlertDeliveryCasesTest {

  private final MutableClock clock = new MutableClock(AlertDeliveryFixture.T0);
  private final Database database = TestDatabases.h2();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final JdbcAlertInbox inbox =
      new JdbcAlertInbox(
          database.dataSource(), AlertDeliveryFixture.ROUTES, clock, new SimpleMeterRegistry());
  private final AlertDelivery worker =
      new AlertDelivery(
          inbox,
          new ConsoleNotifier(
              new PrintStream(console, true, StandardCharsets.UTF_8), new TextRenderer()),
          new ChannelPacer(clock, Duration.ofSeconds(1)),
          clock,
          new SimpleMeterRegistry(),
          AlertDelivery.DEFAULT_DIGEST_ABOVE);

  @AfterEach
  void close() {
    worker.close();
    database.close();
  }

  @Test
  void deliverOnce_whenResolvedWithoutAThread_postsItOnItsOwn() {
    inbox.accept(List.of(resolved(gitalyDown("g1", "k1"), Duration.ofMinutes(5))));

    assertThat(worker.deliverOnce()).isEqualTo(1);

    assertThat(printed())
        .startsWith("[C1 #1]\n")
        .contains("✅ GITALYDOWN", "Resolved* after 5m")
        .doesNotContain("thread", "updated");
  }

  @Test
  void deliverOnce_whenRepeatsAndTheResolutionAreReadyTogether_showsTheEndStateInOneStep() {
    inbox.accept(List.of(gitalyDown("g1", "k1")));
    worker.deliverOnce();
    inbox.accept(
        List.of(
            gitalyDown("g1", "k2"),
            gitalyDown("g1", "k3"),
            resolved(gitalyDown("g1", "k4"), Duration.ofMinutes(3))));
    clock.advance(Duration.ofSeconds(1));

    assertThat(worker.deliverOnce()).isEqualTo(3);
    assertThat(printed())
        .contains("[C1 #1 updated]", "Resolved* after 3m", "[C1 #1 thread]", "Resolved after 3m")
        .doesNotContain("[C1 #2]");
  }

  @Test
  void deliverOnce_whenStoreIsDown_throwsUnavailableNamingTheTable() {
    database.close();

    assertThatThrownBy(worker::deliverOnce)
        .isInstanceOf(AlertInboxUnavailableException.class)
        .hasMessageContaining("alert_inbox");
  }

  @ParameterizedTest
  @CsvSource({"0,1", "1,2", "2,4", "8,256", "9,300", "60,300"})
  void backoff_doublesFromOneSecondUpToFiveMinutes(int attempts, long seconds) {
    assertThat(AlertDelivery.backoff(attempts)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void retryAfter_withoutSlacksHeader_waitsOneSecond() {
    DeliveryException limited = new DeliveryException("ratelimited", "limited", null);

    assertThat(AlertDeliveryRetryAfter.of(limited)).isEqualTo(Duration.ofSeconds(1));
  }

  private String printed() {
    return console.toString(StandardCharsets.UTF_8);
  }
}
