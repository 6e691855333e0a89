package io.gitlabopsbot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bot's backup Job against the chart's own objects, as Helm renders them (fixtures under {@code
 * src/test/resources/chart/}, each naming its source). The Kubernetes mock runs no image, so this
 * is where "the Job runs like the chart's CronJob" is proven: the image's entrypoint is kept (no
 * {@code command}), and the container differs from the CronJob's only in the arguments the bot adds
 * to {@code backup-utility}.
 */
class ChartBackupJobContractTest {

  private static final List<String> UTILITY =
      List.of("backup-utility", "--skip", "registry", "--s3tool", "s3cmd");

  /**
   * What the toolbox Deployment's container has that the chart's backup CronJob's has not: Rails
   * tuning and the interactive-console mounts (SMTP settings, Kerberos). None changes what
   * backup-utility reads.
   */
  private static final Set<String> DEPLOYMENT_ONLY_ENV =
      Set.of("GITALY_FEATURE_DEFAULT_ON", "ENABLE_BOOTSNAP");

  static Stream<Arguments> charts() {
    return Stream.of(
        Arguments.of("toolbox", "8.11.2"),
        Arguments.of("toolbox", "7.11.2"),
        Arguments.of("task-runner", "4.12.9"));
  }

  private static <T> T fixture(String app, String version, String kind, Class<T> type) {
    String name = "/chart/" + app + "-" + version + "-" + kind + ".yaml";
    try (InputStream in = ChartBackupJobContractTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return Serialization.unmarshal(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JobRequest request() {
    return new JobRequest(
        "gitlab",
        "gitlab-ops-bot-backup-20261203-010000",
        Map.of("app.kubernetes.io/managed-by", "gitlab-ops-bot"),
        Map.of("gitlab-ops-bot/requested-by", "U1"),
        UTILITY,
        true,
        Duration.ofHours(6),
        Duration.ofDays(7));
  }

  private static Container cronContainer(CronJob cronJob) {
    List<Container> containers =
        cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).as("the chart's CronJob runs one container").hasSize(1);
    return containers.get(0);
  }

  /** The chart's shell line without its trailing comment, e.g. "cp … && backup-utility". */
  private static String chartLine(Container container) {
    String line = container.getArgs().get(2);
    int comment = line.indexOf(" #");
    return (comment < 0 ? line : line.substring(0, comment)).strip();
  }

  private static String ours() {
    return "cp /etc/gitlab/.s3cfg $HOME/.s3cfg && backup-utility --skip registry --s3tool s3cmd";
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("charts")
  void theChartItself_keepsTheImageEntrypointAndRunsBackupUtilityThroughArgs(
      String app, String version) {
    Container cron = cronContainer(fixture(app, version, "backup-job", CronJob.class));
    Container toolbox =
        fixture(app, version, "deployment", Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);

    assertThat(cron.getCommand()).as("the chart sets no command: the entrypoint runs").isEmpty();
    assertThat(toolbox.getCommand()).isEmpty();
    assertThat(cron.getArgs().subList(0, 2)).containsExactly("/bin/bash", "-c");
    assertThat(chartLine(cron)).isEqualTo("cp /etc/gitlab/.s3cfg $HOME/.s3cfg && backup-utility");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("charts")
  void jobFromTheChartsCronJob_isTheCronJobsContainerWithOnlyTheBackupArgumentsAdded(
      String app, String version) {
    CronJob cronJob = fixture(app, version, "backup-job", CronJob.class);
    Container chart = cronContainer(cronJob);

    Job job = JobManifests.fromCronJob(cronJob, request());

    Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs().get(2)).startsWith(chartLine(chart) + " ").isEqualTo(ours());
    assertThat(container)
        .as("everything but the args is the chart's")
        .isEqualTo(new ContainerBuilder(chart).withArgs(container.getArgs()).build());
    assertSamePod(job, cronJob.getSpec().getJobTemplate().getSpec().getTemplate());
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(JobManifests.POD_TEMPLATE, "CronJob gitlab-" + app + "-backup");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("charts")
  void jobFromTheToolboxDeployment_runsWhatTheChartsCronJobRuns(String app, String version) {
    Container chart = cronContainer(fixture(app, version, "backup-job", CronJob.class));
    Deployment deployment = fixture(app, version, "deployment", Deployment.class);

    Job job = JobManifests.fromDeployment(deployment, request());

    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    assertThat(container.getCommand()).as("the image's entrypoint must run").isEmpty();
    assertThat(container.getArgs()).containsExactly("/bin/bash", "-c", ours());
    assertThat(container.getImage()).isEqualTo(chart.getImage());
    assertThat(container.getSecurityContext()).isEqualTo(chart.getSecurityContext());
    assertThat(container.getEnvFrom()).isEqualTo(chart.getEnvFrom());
    assertThat(container.getEnv()).containsAll(chart.getEnv());
    assertThat(container.getEnv())
        .filteredOn(e -> !chart.getEnv().contains(e))
        .extracting(EnvVar::getName)
        .allMatch(DEPLOYMENT_ONLY_ENV::contains);
    assertThat(container.getVolumeMounts()).containsAll(chart.getVolumeMounts());
    assertThat(container.getLivenessProbe()).isNull();
    assertThat(container.getReadinessProbe()).isNull();
    PodSpec cronPod =
        fixture(app, version, "backup-job", CronJob.class)
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo(cronPod.getServiceAccountName());
    assertThat(pod.getSecurityContext()).isEqualTo(cronPod.getSecurityContext());
    assertThat(pod.getImagePullSecrets()).isEqualTo(cronPod.getImagePullSecrets());
    assertThat(pod.getInitContainers())
        .extracting(Container::getName, Container::getImage, Container::getCommand)
        .isEqualTo(
            cronPod.getInitContainers().stream()
                .map(
                    c ->
                        org.assertj.core.groups.Tuple.tuple(
                            c.getName(), c.getImage(), c.getCommand()))
                .toList());
    assertThat(pod.getVolumes().stream().map(v -> v.getName()).toList())
        .containsAll(cronPod.getVolumes().stream().map(v -> v.getName()).toList());
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(JobManifests.POD_TEMPLATE, "Deployment gitlab-" + app);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("charts")
  void jobWithAwscli_skipsOnlyTheS3cmdConfigCopy(String app, String version) {
    CronJob cronJob = fixture(app, version, "backup-job", CronJob.class);
    JobRequest awscli =
        new JobRequest(
            "gitlab",
            "j",
            Map.of(),
            Map.of(),
            List.of("backup-utility", "--s3tool", "awscli"),
            ToolboxScript.needsS3cmdConfig("awscli"),
            Duration.ofHours(1),
            Duration.ofHours(1));

    Job job = JobManifests.fromCronJob(cronJob, awscli);

    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("/bin/bash", "-c", "backup-utility --s3tool awscli");
  }

  private static void assertSamePod(Job job, PodTemplateSpec chart) {
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    PodSpec expected = chart.getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo(expected.getServiceAccountName());
    assertThat(pod.getSecurityContext()).isEqualTo(expected.getSecurityContext());
    assertThat(pod.getInitContainers()).isEqualTo(expected.getInitContainers());
    assertThat(pod.getVolumes()).isEqualTo(expected.getVolumes());
    assertThat(pod.getImagePullSecrets()).isEqualTo(expected.getImagePullSecrets());
    assertThat(pod.getNodeSelector()).isEqualTo(expected.getNodeSelector());
    assertThat(pod.getTolerations()).isEqualTo(expected.getTolerations());
    // One attempt, stopped at the deadline: a half-written backup is never retried blindly.
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(JobManifests.SAFE_TO_EVICT, "false");
  }
}
