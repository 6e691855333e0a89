package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a one-shot {@code backup-utility} Job from the pod template the chart renders: its backup
 * CronJob's when the release has one, else the toolbox Deployment's.
 */
final class JobManifests {

  // A running backup must not be moved by the cluster autoscaler: that would kill it.
  static final String SAFE_TO_EVICT = "cluster-autoscaler.kubernetes.io/safe-to-evict";

  /** Names the chart object whose pod template a Job copies, for whoever reads it with kubectl. */
  public static final String POD_TEMPLATE = "gitlab-ops-bot/pod-template";

  private JobManifests() {}

  /** From the chart's backup CronJob: exactly what the chart runs, with our arguments. */
  static Job fromCronJob(CronJob cronJob, JobRequest request) {
    PodTemplateSpec template = cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
    String what = "CronJob " + cronJob.getMetadata().getName();
    List<Container> containers = containers(template, what);
    Container backup =
        containers.stream()
            .filter(c -> c.getName().endsWith("-backup"))
            .findFirst()
            .orElse(containers.get(0));
    return build(template, backup, request, what);
  }

  /** From the toolbox Deployment, when the chart renders no backup CronJob (its default). */
  static Job fromDeployment(Deployment deployment, JobRequest request) {
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    String what = "Deployment " + deployment.getMetadata().getName();
    return build(template, containers(template, what).get(0), request, what);
  }

  private static List<Container> containers(PodTemplateSpec template, String what) {
    PodSpec source = template.getSpec();
    if (source == null || source.getContainers() == null || source.getContainers().isEmpty()) {
      throw new IllegalStateException(
          what + " has no containers in its pod template; check the toolbox selector");
    }
    return source.getContainers();
  }

  private static Job build(
      PodTemplateSpec template, Container source, JobRequest request, String templateSource) {
    // The template's command is kept (the chart sets none), so the image's ENTRYPOINT runs: it
    // renders gitlab.yml, database.yml and the object-storage settings from the mounted templates
    // before it runs our args. Setting `command` would skip it and backup-utility would run against
    // an unconfigured GitLab. The args take the form the chart's backup CronJob uses.
    Container main =
        new ContainerBuilder(source)
            .withArgs(request.containerArgs())
            .withLivenessProbe(null)
            .withReadinessProbe(null)
            .withStartupProbe(null)
            .build();
    // The whole template spec is copied (env, envFrom, volumes, mounts, service account, security
    // context, scheduling, pull secrets and the init containers that render the toolbox config);
    // only what a one-shot run must not inherit is changed.
    PodSpec spec =
        new PodSpecBuilder(template.getSpec())
            .withContainers(main) // sidecars would keep the Job from ever finishing
            .withRestartPolicy("Never")
            .build();
    Map<String, String> podAnnotations = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getAnnotations() != null) {
      podAnnotations.putAll(template.getMetadata().getAnnotations());
    }
    podAnnotations.putAll(request.annotations());
    podAnnotations.put(SAFE_TO_EVICT, "false");
    Map<String, String> jobAnnotations = new LinkedHashMap<>(request.annotations());
    jobAnnotations.put(POD_TEMPLATE, templateSource);
    // The template's own labels are not copied: the pod would then match the toolbox selector
    // and the toolbox Service.
    return new JobBuilder()
        .withNewMetadata()
        .withName(request.name())
        .withNamespace(request.namespace())
        .withLabels(request.labels())
        .withAnnotations(jobAnnotations)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(request.activeDeadline().toSeconds())
        .withTtlSecondsAfterFinished(Math.toIntExact(request.ttlAfterFinished().toSeconds()))
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(request.labels())
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withSpec(spec)
        .endTemplate()
        .endSpec()
        .build();
  }
}
