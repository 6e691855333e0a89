package io.gitlabopsbot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.config.StoreSettings;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClusterTest {

  @Test
  void twoReplicasOnOnePostgres_fireEachTriggerExactlyOnce() {
    StoreSettings store = TestDatabases.postgresSettings();
    List<SchedulerFixture.Fire> fires = new CopyOnWriteArrayList<>();
    try (SchedulerFixture a =
            new SchedulerFixture(store, SchedulerFixture.fast("node-a"), fires, Duration.ZERO);
        SchedulerFixture b =
            new SchedulerFixture(store, SchedulerFixture.fast("node-b"), fires, Duration.ZERO)) {
      a.quartz.start();
      b.quartz.start();
      // Every second: a real schedule fires daily, but the cluster logic is the same.
      assertThat(a.schedules.set("gitlab", "* * * * * ?", "UTC", false))
          .isInstanceOf(ScheduleChange.Changed.class);

      await().atMost(Duration.ofSeconds(30)).until(() -> fires.size() >= 6);
      a.schedules.pause("gitlab", false);
    }

    Map<Instant, Long> perFireTime =
        fires.stream()
            .collect(
                Collectors.groupingBy(SchedulerFixture.Fire::scheduledAt, Collectors.counting()));
    assertThat(perFireTime).allSatisfy((time, count) -> assertThat(count).isEqualTo(1L));
    // No fire time was skipped either: consecutive seconds from the first to the last.
    TreeSet<Instant> times = new TreeSet<>(perFireTime.keySet());
    long span = Duration.between(times.first(), times.last()).toSeconds();
    assertThat(times).hasSize((int) span + 1);
    assertThat(fires).extracting(SchedulerFixture.Fire::scheduleId).containsOnly("backup-gitlab");
    assertThat(fires.stream().map(SchedulerFixture.Fire::node).collect(Collectors.toSet()))
        .isSubsetOf("node-a", "node-b");
    Function<String, Long> byNode =
        node -> fires.stream().filter(f -> f.node().equals(node)).count();
    assertThat(byNode.apply("node-a") + byNode.apply("node-b")).isEqualTo(fires.size());
  }
}
