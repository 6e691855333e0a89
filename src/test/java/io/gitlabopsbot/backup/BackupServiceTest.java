package io.gitlabopsbot.backup;

import static io.gitlabopsbot.kubernetes.ToolboxFixtures.NS;
import static io.gitlabopsbot.kubernetes.ToolboxFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
import io.gitlabopsbot.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class BackupServiceTest {

  static final String JOB = "gitlab-ops-bot-backup-20261125-010000";
  static final String KEY = "1795568403_2026_11_25_17.5.2_gitlab_backup.tar";
  static final String SUCCESS = LogPhasesTest.fixture("backup-utility-success.log");

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesClient noRetry;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
  private final Map<String, Long> s3 = new HashMap<>();
  private final List<BackupOutcome.Succeeded> afterSuccess = new ArrayList<>();
  private final AtomicReference<String> podLog = new AtomicReference<>("");
  private final RecordingProgress progress = new RecordingProgress();

  @BeforeEach
  void setUp() {
    noRetry = ToolboxFixtures.noRetry(client);
    s3.put("gitlab-backups/" + KEY, 5_368_709_120L);
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/gitlab/pods/"
                + JOB
                + "-x1/log?pretty=false&tailLines=200&limitBytes=65536")
        .andReply(200, request -> podLog.get())
        .always();
  }

  @AfterEach
  void tearDown() {
    noRetry.close();
  }

  BackupService service() {
    return new BackupService(
        new Fabric8GitLabCluster(noRetry),
        new SideEffects(false, op -> {}),
        BackupSettings.defaults().withPollInterval(Duration.ofMillis(20)),
        (bucket, key) -> {
          Long size = s3.get(bucket + "/" + key);
          return size == null ? OptionalLong.empty() : OptionalLong.of(size);
        },
        afterSuccess::add,
        clock,
        Sleeper.threadSleep());
  }

  static BackupRequest request(List<String> skip, boolean dryRun) {
    return new BackupRequest(TARGET, skip, "U0123ABC", "c0ffee", dryRun);
  }

  CompletableFuture<BackupOutcome> startInBackground(List<String> skip) {
    BackupService service = service();
    return CompletableFuture.supplyAsync(() -> service.start(request(skip, false), progress));
  }

  BackupOutcome outcome(CompletableFuture<BackupOutcome> running) throws Exception {
    return running.get(20, TimeUnit.SECONDS);
  }

  void awaitPhase(String phase) {
    await().atMost(Duration.ofSeconds(15)).until(() -> progress.phases().contains(phase));
  }

  @Test
  void start_createsTheJobAndFollowsItThroughEveryPhaseInOneMessage() throws Exception {
    ToolboxFixtures.seedToolbox(client);

    CompletableFuture<BackupOutcome> running = startInBackground(List.of("registry"));
    awaitPhase("Queued");
    Job job = ToolboxFixtures.onlyJob(client);
    assertThat(job.getMetadata().getName()).isEqualTo(JOB);
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getCommand()).isEmpty();
    assertThat(container.getArgs())
        .containsExactly("/bin/bash", "-c", "backup-utility --skip registry --s3tool awscli");
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(ToolboxFixtures.IMAGE);
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).hasSize(1);
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "gitlab-ops-bot")
        .containsEntry("gitlab-ops-bot/operation", "backup")
        .containsEntry("gitlab-ops-bot/target", "prod")
        .containsEntry("release", "gitlab");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry("gitlab-ops-bot/requested-by", "U0123ABC")
        .containsEntry("gitlab-ops-bot/correlation-id", "c0ffee");

    ToolboxFixtures.jobPod(client, JOB, "Running");
    podLog.set(LogPhasesTest.upTo(SUCCESS, "Dumping registry"));
    awaitPhase("Running");
    podLog.set(LogPhasesTest.upTo(SUCCESS, "[DONE] Backup can be found"));
    awaitPhase("Uploading");
    clock.advance(Duration.ofMinutes(42));
    podLog.set(SUCCESS);
    ToolboxFixtures.podStatus(client, JOB, "Succeeded", null, 0);
    ToolboxFixtures.finishJob(client, JOB, true, null);

    BackupOutcome outcome = outcome(running);
    assertThat(outcome)
        .isEqualTo(
            new BackupOutcome.Succeeded(
                "gitlab-backups", KEY, 5_368_709_120L, Duration.ofMinutes(42)));
    assertThat(progress.phases()).containsExactly("Queued", "Running", "Uploading", "Completed");
    assertThat(progress.last()).contains(KEY, "5.0 GiB", "42m");
    assertThat(progress.details()).isEmpty();
    assertThat(afterSuccess).containsExactly((BackupOutcome.Succeeded) outcome);
  }

  @Test
  void start_whenTheGuardRefuses_createsNothingAndSaysWhy() {
    ToolboxFixtures.seedToolbox(client);
    BackupService guarded =
        new BackupService(
            new Fabric8GitLabCluster(noRetry),
            new SideEffects(false, op -> {}),
            BackupSettings.defaults(),
            (bucket, key) -> OptionalLong.empty(),
            afterSuccess::add,
            clock,
            Sleeper.threadSleep(),
            request -> java.util.Optional.of("a restore of `prod` is already running"));

    BackupOutcome outcome = guarded.start(request(List.of(), false), progress);

    assertThat(outcome)
        .isEqualTo(new BackupOutcome.Refused("a restore of `prod` is already running"));
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(progress.last()).contains("not started: a restore of `prod` is already running");
  }

  @Test
  void start_whenOurJobIsActive_refusesEvenFromAFreshInstance() {
    ToolboxFixtures.seedToolbox(client);
    Job existing =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(NS)
            .resource(ourJob("gitlab-ops-bot-backup-1"))
            .create();
    // The API server sets the creation time; the bot's clock is ten minutes later.
    Instant created = Instant.parse(existing.getMetadata().getCreationTimestamp());
    clock.advance(Duration.between(clock.instant(), created.plus(Duration.ofMinutes(10))));

    BackupOutcome outcome = service().start(request(List.of(), false), progress);

    assertThat(outcome).isInstanceOf(BackupOutcome.Refused.class);
    assertThat(((BackupOutcome.Refused) outcome).reason())
        .contains("already running", "gitlab-ops-bot-backup-1", "<@U999>", "10m ago");
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).hasSize(1);
  }

  @Test
  void start_whenOurJobFinished_isNotBlockedByIt() throws Exception {
    ToolboxFixtures.seedToolbox(client);
    client.batch().v1().jobs().inNamespace(NS).resource(ourJob("gitlab-ops-bot-backup-1")).create();
    ToolboxFixtures.finishJob(client, "gitlab-ops-bot-backup-1", true, null);

    CompletableFuture<BackupOutcome> running = startInBackground(List.of());
    awaitPhase("Queued");

    assertThat(client.batch().v1().jobs().inNamespace(NS).withName(JOB).get()).isNotNull();
    ToolboxFixtures.finishJob(client, JOB, false, "DeadlineExceeded");
    assertThat(outcome(running)).isInstanceOf(BackupOutcome.Failed.class);
  }

  @Test
  void reattach_followsARunningJobToTheEnd() throws Exception {
    client.batch().v1().jobs().inNamespace(NS).resource(ourJob(JOB)).create();
    ToolboxFixtures.jobPod(client, JOB, "Running");
    podLog.set(LogPhasesTest.upTo(SUCCESS, "Dumping registry"));

    List<CompletableFuture<BackupOutcome>> followed =
        service().reattach(List.of(TARGET), run -> progress, r -> new Thread(r).start());
    awaitPhase("Running");
    podLog.set(SUCCESS);
    ToolboxFixtures.finishJob(client, JOB, true, null);

    assertThat(followed).hasSize(1);
    assertThat(outcome(followed.get(0))).isInstanceOf(BackupOutcome.Succeeded.class);
    assertThat(progress.phases())
        .startsWith("Running")
        .endsWith("Completed")
        .doesNotContain("Failed");
  }

  @Test
  void start_whenJobHitsItsDeadline_failsWithReasonAndLogTail() throws Exception {
    ToolboxFixtures.seedToolbox(client);
    CompletableFuture<BackupOutcome> running = startInBackground(List.of());
    awaitPhase("Queued");
    ToolboxFixtures.jobPod(client, JOB, "Running");
    podLog.set(LogPhasesTest.upTo(SUCCESS, "Dumping registry"));
    awaitPhase("Running");

    ToolboxFixtures.finishJob(client, JOB, false, "DeadlineExceeded");

    BackupOutcome.Failed failed = (BackupOutcome.Failed) outcome(running);
    assertThat(failed.reason()).contains("deadline of 6h 00m");
    assertThat(progress.details()).singleElement().asString().contains("Dumping repositories");
    assertThat(progress.last()).contains("*Failed*");
    assertThat(afterSuccess).isEmpty();
  }

  CompletableFuture<BackupOutcome> startWithPendingPod() {
    ToolboxFixtures.seedToolbox(client);
    CompletableFuture<BackupOutcome> running = startInBackground(List.of());
    awaitPhase("Queued");
    ToolboxFixtures.jobPod(client, JOB, "Pending");
    return running;
  }

  /** Sets the Job pod's status as the kubelet or scheduler would for a pod that cannot start. */
  private void cannotStart(String waitingReason, String message) {
    client
        .pods()
        .inNamespace(NS)
        .withName(JOB + "-x1")
        .editStatus(
            pod -> {
              pod.getStatus().setPhase("Pending");
              if (waitingReason == null) {
                pod.getStatus()
                    .setConditions(
                        List.of(
                            new PodConditionBuilder()
                                .withType("PodScheduled")
                                .withStatus("False")
                                .withReason("Unschedulable")
                                .withMessage(message)
                                .build()));
              } else {
                pod.getStatus()
                    .setContainerStatuses(
                        List.of(
                            new ContainerStatusBuilder()
                                .withName("toolbox")
                                .withNewState()
                                .withNewWaiting()
                                .withReason(waitingReason)
                                .withMessage(message)
                                .endWaiting()
                                .endState()
                                .build()));
              }
              return pod;
            });
  }

  @Test
  void start_whenTheImageCannotBePulled_saysWhyAtOnceAndFailsWithinAMinute() throws Exception {
    CompletableFuture<BackupOutcome> running = startWithPendingPod();

    cannotStart("ImagePullBackOff", "Back-off pulling image \"registry.example/toolbox:v1\"");

    await().atMost(Duration.ofSeconds(15)).until(() -> progress.last().contains("*Cannot start*"));
    assertThat(progress.last()).contains("ImagePullBackOff", "registry.example/toolbox:v1");
    assertThat(running).isNotDone();
    clock.advance(BackupJobFollower.START_GRACE);

    BackupOutcome.Failed failed = (BackupOutcome.Failed) outcome(running);
    assertThat(failed.reason())
        .contains(
            "could not start",
            "ImagePullBackOff",
            "kubectl -n gitlab describe pod " + JOB + "-x1",
            "The Job was deleted");
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName(JOB).get()).isNull();
    assertThat(progress.last()).contains("*Failed*");
  }

  @Test
  void start_whenASecretOfTheTemplateIsMissing_failsWithTheKubeletsReason() throws Exception {
    CompletableFuture<BackupOutcome> running = startWithPendingPod();

    cannotStart("CreateContainerConfigError", "secret \"gitlab-rails-secret\" not found");
    await().atMost(Duration.ofSeconds(15)).until(() -> progress.last().contains("Cannot start"));
    clock.advance(Duration.ofMinutes(1));

    assertThat(((BackupOutcome.Failed) outcome(running)).reason())
        .contains("CreateContainerConfigError", "secret \"gitlab-rails-secret\" not found");
  }

  @Test
  void start_whenNoNodeFits_waitsForTheAutoscalerThenFails() throws Exception {
    CompletableFuture<BackupOutcome> running = startWithPendingPod();

    cannotStart(null, "0/3 nodes are available: 3 Insufficient memory.");
    await().atMost(Duration.ofSeconds(15)).until(() -> progress.last().contains("Unschedulable"));
    assertThat(progress.last()).contains("3 Insufficient memory", "after 10m");
    clock.advance(Duration.ofMinutes(2));
    // Still waiting: a node may be on its way. Let the follower poll a few more times.
    int seen = server.getRequestCount();
    await().atMost(Duration.ofSeconds(15)).until(() -> server.getRequestCount() > seen + 6);
    assertThat(running).isNotDone();
    clock.advance(Duration.ofMinutes(9));

    assertThat(((BackupOutcome.Failed) outcome(running)).reason())
        .contains("could not start for 11m", "Unschedulable", "Insufficient memory");
  }

  @Test
  void start_whenThePodRecoversFromAPullError_carriesOn() throws Exception {
    CompletableFuture<BackupOutcome> running = startWithPendingPod();
    cannotStart("ErrImagePull", "rate limited");
    await().atMost(Duration.ofSeconds(15)).until(() -> progress.last().contains("Cannot start"));

    ToolboxFixtures.podStatus(client, JOB, "Running", null, null);
    client
        .pods()
        .inNamespace(NS)
        .withName(JOB + "-x1")
        .editStatus(
            pod -> {
              pod.getStatus().setContainerStatuses(List.of());
              return pod;
            });
    podLog.set(LogPhasesTest.upTo(SUCCESS, "Dumping registry"));
    awaitPhase("Running");
    clock.advance(Duration.ofMinutes(5));
    podLog.set(SUCCESS);
    ToolboxFixtures.finishJob(client, JOB, true, null);

    assertThat(outcome(running)).isInstanceOf(BackupOutcome.Succeeded.class);
  }

  @Test
  void start_whenPodIsEvicted_fails() throws Exception {
    ToolboxFixtures.seedToolbox(client);
    CompletableFuture<BackupOutcome> running = startInBackground(List.of());
    awaitPhase("Queued");
    ToolboxFixtures.jobPod(client, JOB, "Running");

    ToolboxFixtures.podStatus(client, JOB, "Failed", "Evicted", null);

    assertThat(((BackupOutcome.Failed) outcome(running)).reason())
        .contains("was evicted", "ephemeral-storage");
  }

  @Test
  void start_whenBackupUtilityFails_failsWithTheErrorLine() throws Exception {
    ToolboxFixtures.seedToolbox(client);
    CompletableFuture<BackupOutcome> running = startInBackground(List.of());
    awaitPhase("Queued");
    ToolboxFixtures.jobPod(client, JOB, "Running");
    podLog.set(LogPhasesTest.fixture("backup-utility-failure.log"));
    ToolboxFixtures.podStatus(client, JOB, "Failed", null, 1);
    ToolboxFixtures.finishJob(client, JOB, false, "BackoffLimitExceeded");

    assertThat(((BackupOutcome.Failed) outcome(running)).reason())
        .contains("code 1", "AccessDenied");
  }

  @Test
  void start_whenJobSucceedsButS3HasNoObject_failsNeverSucceeds() throws Exception {
    s3.clear();
    ToolboxFixtures.seedToolbox(client);
    CompletableFuture<BackupOutcome> running = startInBackground(List.of());
    awaitPhase("Queued");
    ToolboxFixtures.jobPod(client, JOB, "Running");
    podLog.set(SUCCESS);
    ToolboxFixtures.finishJob(client, JOB, true, null);

    assertThat(((BackupOutcome.Failed) outcome(running)).reason()).contains("no such object");
    assertThat(afterSuccess).isEmpty();
  }

  @Test
  void start_whenKubernetesApiFailsWhileFollowing_failsWithReason() throws Exception {
    ToolboxFixtures.seedToolbox(client);
    server
        .expect()
        .get()
        .withPath("/apis/batch/v1/namespaces/gitlab/jobs/" + JOB)
        .andReturn(500, "{}")
        .always();

    BackupOutcome outcome = service().start(request(List.of(), false), progress);

    assertThat(((BackupOutcome.Failed) outcome).reason())
        .contains("lost track of Job `" + JOB + "`", "HTTP 500", "may still be running");
  }

  @Test
  void start_whenNoToolbox_refusesAndCreatesNothing() {
    BackupOutcome outcome = service().start(request(List.of(), false), progress);

    assertThat(((BackupOutcome.Refused) outcome).reason()).contains("No toolbox Deployment");
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void start_whenUnknownSkipComponent_refusesAndCreatesNothing() {
    ToolboxFixtures.seedToolbox(client);

    BackupOutcome outcome = service().start(request(List.of("uploadz"), false), progress);

    assertThat(((BackupOutcome.Refused) outcome).reason()).contains("uploadz", "--skip accepts");
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  private Job ourJob(String name) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(BackupJobSpec.ours(TARGET).labels())
        .withAnnotations(Map.of(BackupJobSpec.REQUESTER, "U999"))
        .endMetadata()
        .build();
  }
}
