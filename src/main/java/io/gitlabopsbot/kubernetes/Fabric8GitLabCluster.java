package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GitLabCluster} over the fabric8 client. Each call is bounded by the client's request
 * timeout (see {@link KubernetesClients}); exec is bounded by its own timeout.
 */
public final class Fabric8GitLabCluster implements GitLabCluster {

  static final String JOB_NAME_LABEL = "job-name";

  private static final Logger log = LoggerFactory.getLogger(Fabric8GitLabCluster.class);
  private static final int EXEC_OUTPUT_BYTES = 64 * 1024;

  private final KubernetesClient client;

  public Fabric8GitLabCluster(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public ToolboxLookup findToolbox(String namespace, EqualitySelector selector) {
    String where = "in namespace " + namespace + " with labels " + selector;
    List<Deployment> deployments =
        KubernetesCalls.call(
            "list toolbox Deployments " + where,
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withLabels(selector.labels())
                    .list()
                    .getItems());
    if (deployments.isEmpty()) {
      return new ToolboxLookup.Unavailable(
          "No toolbox Deployment found "
              + where
              + ". Check the target's toolboxSelector (app=toolbox, or app=task-runner on older"
              + " charts) and helmRelease.");
    }
    if (deployments.size() > 1) {
      return new ToolboxLookup.Unavailable(
          deployments.size()
              + " toolbox Deployments match "
              + where
              + " ("
              + String.join(", ", deployments.stream().map(d -> d.getMetadata().getName()).toList())
              + "). Make the target's toolboxSelector specific to one.");
    }
    Deployment deployment = deployments.get(0);
    List<Pod> pods =
        KubernetesCalls.call(
            "list toolbox pods " + where,
            () ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withLabels(selector.labels())
                    .list()
                    .getItems());
    Optional<Pod> ready =
        pods.stream()
            .filter(Fabric8GitLabCluster::ready)
            .min(Comparator.comparing(p -> p.getMetadata().getName()));
    if (ready.isEmpty()) {
      String seen =
          pods.isEmpty()
              ? "no pod exists"
              : String.join(
                  ", ",
                  pods.stream()
                      .map(p -> p.getMetadata().getName() + " " + Observations.pod(p).phase())
                      .toList());
      return new ToolboxLookup.Unavailable(
          "The toolbox "
              + deployment.getMetadata().getName()
              + " has no Ready pod "
              + where
              + " ("
              + seen
              + "). Wait for it to become Ready or run `kubectl -n "
              + namespace
              + " describe deployment "
              + deployment.getMetadata().getName()
              + "`.");
    }
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    return new ToolboxLookup.Found(
        new Toolbox(
            namespace,
            deployment.getMetadata().getName(),
            ready.get().getMetadata().getName(),
            container.getName(),
            container.getImage(),
            selector));
  }

  @Override
  public String createJob(JobRequest request, Toolbox toolbox) {
    String where = "Job " + request.namespace() + "/" + request.name();
    Deployment deployment =
        KubernetesCalls.call(
            "read Deployment " + toolbox.namespace() + "/" + toolbox.deployment(),
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace(toolbox.namespace())
                    .withName(toolbox.deployment())
                    .get());
    if (deployment == null) {
      throw new ClusterException(
          "the toolbox Deployment " + toolbox.deployment() + " disappeared; run the command again",
          null);
    }
    Optional<CronJob> cronJob = backupCronJob(toolbox);
    Job job =
        cronJob
            .map(c -> JobManifests.fromCronJob(c, request))
            .orElseGet(() -> JobManifests.fromDeployment(deployment, request));
    Job created =
        KubernetesCalls.call(
            "create " + where,
            () ->
                client.batch().v1().jobs().inNamespace(request.namespace()).resource(job).create());
    return created.getMetadata().getName();
  }

  /**
   * The chart's backup CronJob of the release ({@code gitlab.toolbox.backups.cron.enabled}), whose
   * pod template is exactly what the chart runs for a backup. Off by default in the chart; then, or
   * when the bot may not read CronJobs, the toolbox Deployment's template is used.
   */
  private Optional<CronJob> backupCronJob(Toolbox toolbox) {
    List<CronJob> found;
    try {
      found =
          KubernetesCalls.call(
              "list CronJobs in namespace " + toolbox.namespace(),
              () ->
                  client
                      .batch()
                      .v1()
                      .cronjobs()
                      .inNamespace(toolbox.namespace())
                      .withLabels(toolbox.selector().labels())
                      .list()
                      .getItems());
    } catch (ClusterException e) {
      log.info(
          "cannot read the chart's backup CronJob, using the toolbox Deployment's pod template"
              + " [reason={}]",
          e.getMessage());
      return Optional.empty();
    }
    List<CronJob> backups =
        found.stream().filter(c -> c.getMetadata().getName().endsWith("-backup")).toList();
    return backups.size() == 1 ? Optional.of(backups.get(0)) : Optional.empty();
  }

  @Override
  public void deleteJob(String namespace, String jobName) {
    KubernetesCalls.call(
        "delete Job " + namespace + "/" + jobName,
        () ->
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName(jobName)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete());
  }

  @Override
  public List<JobObservation> findJobs(String namespace, EqualitySelector labels) {
    return KubernetesCalls.call(
            "list Jobs in namespace " + namespace + " with labels " + labels,
            () ->
                client
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withLabels(labels.labels())
                    .list()
                    .getItems())
        .stream()
        .map(job -> Observations.job(job, Optional.empty()))
        .toList();
  }

  @Override
  public Optional<JobObservation> observeJob(String namespace, String jobName) {
    String where = namespace + "/" + jobName;
    Job job =
        KubernetesCalls.call(
            "read Job " + where,
            () -> client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get());
    if (job == null) {
      return Optional.empty();
    }
    List<Pod> pods =
        KubernetesCalls.call(
            "list pods of Job " + where,
            () ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withLabel(JOB_NAME_LABEL, jobName)
                    .list()
                    .getItems());
    Optional<JobObservation.PodObservation> newest =
        pods.stream()
            .max(
                Comparator.comparing(
                    (Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp())))
            .map(Observations::pod);
    return Optional.of(Observations.job(job, newest));
  }

  @Override
  public String logTail(String namespace, String podName, int maxLines, int maxBytes) {
    String log =
        KubernetesCalls.call(
            "read the log of pod " + namespace + "/" + podName,
            () ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withName(podName)
                    .limitBytes(maxBytes)
                    .tailingLines(maxLines)
                    .getLog());
    return log == null ? "" : log;
  }

  @Override
  public ExecResult exec(
      String namespace, String podName, String container, List<String> command, Duration timeout) {
    return new Fabric8Exec(client, EXEC_OUTPUT_BYTES)
        .run(namespace, podName, container, command, timeout);
  }

  private static boolean ready(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
