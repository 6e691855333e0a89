package io.gitlabopsbot.approval;

import static io.gitlabopsbot.approval.ApprovalFixtures.APPROVER;
import static io.gitlabopsbot.approval.ApprovalFixtures.APPROVER_2;
import static io.gitlabopsbot.approval.ApprovalFixtures.restore;
import static io.gitlabopsbot.approval.ApprovalFixtures.slack;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.approval.ApprovalDecision.Approved;
import io.gitlabopsbot.approval.ApprovalDecision.Reason;
import io.gitlabopsbot.approval.ApprovalDecision.Refused;
import io.gitlabopsbot.config.StoreSettings;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two bot replicas (two pools, two services) on one store, and a restart in between. */
class ApprovalsReplicasTest {

  private static final int ROUNDS = 20;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<Database> opened = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterEach
  void close() {
    threads.shutdownNow();
    opened.forEach(Database::close);
  }

  private Database open(StoreSettings settings) {
    Database database = Database.open(settings);
    opened.add(database);
    return database;
  }

  @Test
  void decide_concurrentlyOnTwoReplicasOfPostgres_exactlyOneWins() throws Exception {
    StoreSettings settings = TestDatabases.postgresSettings();
    Approvals replicaA = ApprovalFixtures.approvals(open(settings), clock);
    Approvals replicaB = ApprovalFixtures.approvals(open(settings), clock);

    for (int round = 0; round < ROUNDS; round++) {
      String id = replicaA.request(restore("b-" + round), Approvals.DEFAULT_TTL).id();
      CyclicBarrier start = new CyclicBarrier(2);
      Future<ApprovalDecision> a =
          threads.submit(
              () -> {
                start.await(5, TimeUnit.SECONDS);
                return replicaA.decide(id, slack(APPROVER), true);
              });
      Future<ApprovalDecision> b =
          threads.submit(
              () -> {
                start.await(5, TimeUnit.SECONDS);
                return replicaB.decide(id, slack(APPROVER_2), true);
              });
      List<ApprovalDecision> decisions =
          List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS));

      assertThat(decisions).filteredOn(Approved.class::isInstance).hasSize(1);
      assertThat(decisions)
          .filteredOn(Refused.class::isInstance)
          .singleElement()
          .extracting(d -> ((Refused) d).reason())
          .isEqualTo(Reason.ALREADY_DECIDED);
      String winner =
          ((Approved)
                  decisions.stream().filter(Approved.class::isInstance).findFirst().orElseThrow())
              .request()
              .decidedBy();
      assertThat(replicaB.find(id).orElseThrow().decidedBy()).isEqualTo(winner);
    }
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void consume_concurrentlyOnTwoReplicas_claimsOnce(TestDatabases.Kind kind) throws Exception {
    StoreSettings settings = kind.newSettings();
    Approvals replicaA = ApprovalFixtures.approvals(open(settings), clock);
    Approvals replicaB = ApprovalFixtures.approvals(open(settings), clock);

    for (int round = 0; round < ROUNDS; round++) {
      ApprovalRequest request = replicaA.request(restore("b-" + round), Approvals.DEFAULT_TTL);
      replicaA.decide(request.id(), slack(APPROVER), true);
      CyclicBarrier start = new CyclicBarrier(2);
      Future<Boolean> a =
          threads.submit(
              () -> {
                start.await(5, TimeUnit.SECONDS);
                return replicaA.consume(request.id(), request.operationHash());
              });
      Future<Boolean> b =
          threads.submit(
              () -> {
                start.await(5, TimeUnit.SECONDS);
                return replicaB.consume(request.id(), request.operationHash());
              });

      assertThat(List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS)))
          .containsExactlyInAnyOrder(true, false);
    }
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void request_survivesRestart_andIsDecidedByTheNewProcess(TestDatabases.Kind kind) {
    StoreSettings settings = kind.newSettings();
    Database before = open(settings);
    ApprovalRequest request =
        ApprovalFixtures.approvals(before, clock).request(restore("b-1"), Duration.ofMinutes(15));
    // The second pool keeps an in-memory H2 database alive while the first one closes.
    Database after = open(settings);
    before.close();
    opened.remove(before);
    clock.advance(Duration.ofMinutes(5));

    Approvals restarted = ApprovalFixtures.approvals(after, clock);

    assertThat(restarted.find(request.id())).contains(request);
    assertThat(restarted.decide(request.id(), slack(APPROVER), true)).isInstanceOf(Approved.class);
  }
}
