package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a one-shot Job from the toolbox Deployment's pod template. */
final class JobManifests {

  // A running backup must not be moved by the cluster autoscaler: that would kill it.
  static final String SAFE_TO_EVICT = "cluster-autoscaler.kubernetes.io/safe-to-evict";

  private JobManifests() {}

  static Job fromTemplate(Deployment deployment, JobRequest request) {
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    PodSpec source = template.getSpec();
    if (source == null || source.getContainers() == null || source.getContainers().isEmpty()) {
      throw new IllegalStateException(
          "Deployment "
              + deployment.getMetadata().getName()
              + " has no containers in its pod template; check the toolbox selector");
    }
    // The whole template spec is copied (env, envFrom, volumes, mounts, service account, security
    // context, scheduling, pull secrets and the init containers that render the toolbox config);
    // only what a one-shot run must not inherit is changed.
    Container main =
        new ContainerBuilder(source.getContainers().get(0))
            .withCommand(request.command())
            .withArgs(List.of())
            .withLivenessProbe(null)
            .withReadinessProbe(null)
            .withStartupProbe(null)
            .build();
    PodSpec spec =
        new PodSpecBuilder(source)
            .withContainers(main) // sidecars would keep the Job from ever finishing
            .withRestartPolicy("Never")
            .build();
    Map<String, String> podAnnotations = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getAnnotations() != null) {
      podAnnotations.putAll(template.getMetadata().getAnnotations());
    }
    podAnnotations.putAll(request.annotations());
    podAnnotations.put(SAFE_TO_EVICT, "false");
    // The template's own labels are not copied: the pod would then match the toolbox selector
    // and the toolbox Service.
    return new JobBuilder()
        .withNewMetadata()
        .withName(request.name())
        .withNamespace(request.namespace())
        .withLabels(request.labels())
        .withAnnotations(request.annotations())
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
