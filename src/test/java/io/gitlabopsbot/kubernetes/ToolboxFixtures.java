package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitlabopsbot.config.TargetSettings;
import java.util.Map;

/** A GitLab toolbox as the chart deploys it, and helpers to play the Job controller's part. */
public final class ToolboxFixtures {

  public static final String NS = "gitlab";
  public static final String IMAGE =
      "registry.gitlab.com/gitlab-org/build/cng/gitlab-toolbox-ee:v17.5.2";
  public static final TargetSettings TARGET =
      new TargetSettings(
          "prod", NS, "gitlab", "app=toolbox", "gitlab-backups", "gitlab-rails-secret");

  private ToolboxFixtures() {}

  public static Deployment toolboxDeployment(String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(Map.of("app", "toolbox", "release", "gitlab"))
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(Map.of("app", "toolbox", "release", "gitlab"))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", "toolbox", "release", "gitlab"))
        .withAnnotations(Map.of("checksum/config", "abc"))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName("gitlab-toolbox")
        .withNodeSelector(Map.of("workload", "gitlab"))
        .addNewToleration()
        .withKey("dedicated")
        .withValue("gitlab")
        .withEffect("NoSchedule")
        .endToleration()
        .addNewImagePullSecret("regcred")
        .withNewSecurityContext()
        .withRunAsUser(1000L)
        .withFsGroup(1000L)
        .endSecurityContext()
        .addNewInitContainer()
        .withName("configure")
        .withImage("busybox")
        .endInitContainer()
        .addNewContainer()
        .withName("toolbox")
        .withImage(IMAGE)
        .withArgs("/bin/bash", "-c", "sleep infinity")
        .addNewEnv()
        .withName("ARTIFACTS_BUCKET_NAME")
        .withValue("gitlab-artifacts")
        .endEnv()
        .addNewEnvFrom()
        .withNewConfigMapRef("gitlab-toolbox-env", false)
        .endEnvFrom()
        .addNewVolumeMount()
        .withName("toolbox-config")
        .withMountPath("/var/opt/gitlab/templates")
        .endVolumeMount()
        .withNewReadinessProbe()
        .withNewExec()
        .withCommand("/bin/true")
        .endExec()
        .endReadinessProbe()
        .endContainer()
        .addNewContainer()
        .withName("log-shipper")
        .withImage("fluent-bit")
        .endContainer()
        .addNewVolume()
        .withName("toolbox-config")
        .withNewConfigMap()
        .withName("gitlab-toolbox")
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  public static Pod toolboxPod(String name, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(Map.of("app", "toolbox", "release", "gitlab"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("toolbox")
        .withImage(IMAGE)
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }

  /** Seeds one toolbox Deployment with one Ready pod. */
  public static void seedToolbox(KubernetesClient client) {
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(toolboxDeployment("gitlab-toolbox"))
        .create();
    client.pods().inNamespace(NS).resource(toolboxPod("gitlab-toolbox-6d8f-abcde", true)).create();
  }

  /** Creates the pod the Job controller would create, in the given phase. */
  public static Pod jobPod(KubernetesClient client, String job, String phase) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(job + "-x1")
            .withNamespace(NS)
            .withLabels(Map.of("job-name", job))
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .endStatus()
            .build();
    return client.pods().inNamespace(NS).resource(pod).createOr(existing -> existing.update());
  }

  /** Sets the Job pod's status as the kubelet would. */
  public static void podStatus(
      KubernetesClient client, String job, String phase, String reason, Integer exitCode) {
    client
        .pods()
        .inNamespace(NS)
        .withName(job + "-x1")
        .editStatus(
            pod -> {
              pod.getStatus().setPhase(phase);
              pod.getStatus().setReason(reason);
              pod.getStatus()
                  .setMessage(
                      reason == null ? null : "The node was low on resource: ephemeral-storage.");
              if (exitCode != null) {
                pod.getStatus()
                    .setContainerStatuses(
                        java.util.List.of(
                            new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                                .withName("toolbox")
                                .withNewState()
                                .withNewTerminated()
                                .withExitCode(exitCode)
                                .endTerminated()
                                .endState()
                                .build()));
              }
              return pod;
            });
  }

  /** Marks the Job finished as the Job controller would. */
  public static void finishJob(
      KubernetesClient client, String job, boolean succeeded, String reason) {
    JobCondition condition =
        new JobConditionBuilder()
            .withType(succeeded ? "Complete" : "Failed")
            .withStatus("True")
            .withReason(reason)
            .withMessage(reason == null ? null : "Job was active longer than specified deadline")
            .build();
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withName(job)
        .editStatus(
            j -> {
              j.setStatus(
                  new JobStatusBuilder()
                      .withSucceeded(succeeded ? 1 : 0)
                      .withFailed(succeeded ? 0 : 1)
                      .withConditions(condition)
                      .build());
              return j;
            });
  }

  /**
   * A client like {@code client} that does not retry failed requests, so API-error tests do not
   * wait through fabric8's backoff.
   */
  public static KubernetesClient noRetry(KubernetesClient client) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
        .build();
  }

  public static Job onlyJob(KubernetesClient client) {
    var jobs = client.batch().v1().jobs().inNamespace(NS).list().getItems();
    if (jobs.size() != 1) {
      throw new AssertionError("expected exactly one Job, found " + jobs.size());
    }
    return jobs.get(0);
  }
}
