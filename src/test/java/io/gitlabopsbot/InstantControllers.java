package io.gitlabopsbot;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Kubernetes mock server's CRUD store plus, done at once inside the request that causes it,
 * what the Deployment controller, the kubelet and the Job controller would do: a created or scaled
 * Deployment gets exactly its replicas as Ready pods and a rolled-out status, a deleted pod of a
 * Deployment is replaced, and a created Job succeeds. So the bot's waits (which poll every 5 or 10
 * seconds) find the cluster settled on their first look. Every change it makes is in {@link
 * #events()}.
 */
final class InstantControllers extends Dispatcher {

  private static final Pattern DEPLOYMENTS =
      Pattern.compile("/apis/apps/v1/namespaces/([^/]+)/deployments(?:\\?.*)?");
  private static final Pattern SCALE =
      Pattern.compile("/apis/apps/v1/namespaces/([^/]+)/deployments/([^/?]+)/scale(?:\\?.*)?");
  private static final Pattern POD =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)(?:\\?.*)?");
  private static final Pattern JOBS =
      Pattern.compile("/apis/batch/v1/namespaces/([^/]+)/jobs(?:\\?.*)?");

  private final Dispatcher store;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private int pods;

  InstantControllers(Dispatcher store) {
    this.store = store;
  }

  /**
   * What happened, in order: {@code scale <deployment> <n>}, {@code delete pod <name>}, {@code
   * create pod <name>}, {@code job <name> succeeded}.
   */
  List<String> events() {
    return List.copyOf(events);
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    MockResponse response = store.dispatch(request);
    if (response.code() / 100 != 2) {
      return response;
    }
    String path = request.getPath();
    String method = request.getMethod();
    Matcher m;
    if ("POST".equals(method) && (m = DEPLOYMENTS.matcher(path)).matches()) {
      settle(m.group(1), body(response, Deployment.class).getMetadata().getName());
    } else if ("PUT".equals(method) && (m = SCALE.matcher(path)).matches()) {
      events.add("scale " + m.group(2) + " " + settle(m.group(1), m.group(2)));
    } else if ("DELETE".equals(method) && (m = POD.matcher(path)).matches()) {
      events.add("delete pod " + m.group(2));
      replace(m.group(1), body(response, Pod.class));
    } else if ("POST".equals(method) && (m = JOBS.matcher(path)).matches()) {
      succeed(m.group(1), body(response, Job.class));
    }
    return response;
  }

  /**
   * Gives the Deployment exactly its replicas as Ready pods and a rolled-out status; returns the
   * replicas.
   */
  private int settle(String namespace, String name) {
    String at = "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name;
    Deployment deployment = body(call(HttpMethod.GET, at, null), Deployment.class);
    Integer wanted = deployment.getSpec().getReplicas();
    int replicas = wanted == null ? 1 : wanted;
    Map<String, String> labels = deployment.getSpec().getSelector().getMatchLabels();
    List<Pod> existing = pods(namespace, labels);
    for (int i = replicas; i < existing.size(); i++) {
      call(HttpMethod.DELETE, podPath(namespace, existing.get(i).getMetadata().getName()), null);
    }
    for (int i = existing.size(); i < replicas; i++) {
      Pod pod = readyPod(namespace, name + "-" + ++pods, deployment);
      call(HttpMethod.POST, "/api/v1/namespaces/" + namespace + "/pods", pod);
      events.add("create pod " + pod.getMetadata().getName());
    }
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withReadyReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withAvailableReplicas(replicas)
            .build());
    call(HttpMethod.PUT, at + "/status", deployment);
    return replicas;
  }

  /** After a pod was deleted: its Deployment, if any, starts a new one. */
  private void replace(String namespace, Pod deleted) {
    Map<String, String> labels = deleted.getMetadata().getLabels();
    String list = "/apis/apps/v1/namespaces/" + namespace + "/deployments";
    for (Deployment d : body(call(HttpMethod.GET, list, null), DeploymentList.class).getItems()) {
      Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
      if (labels != null && labels.entrySet().containsAll(selector.entrySet())) {
        settle(namespace, d.getMetadata().getName());
      }
    }
  }

  private void succeed(String namespace, Job job) {
    job.setStatus(
        new JobStatusBuilder()
            .withSucceeded(1)
            .withConditions(
                new JobConditionBuilder().withType("Complete").withStatus("True").build())
            .build());
    String name = job.getMetadata().getName();
    call(
        HttpMethod.PUT,
        "/apis/batch/v1/namespaces/" + namespace + "/jobs/" + name + "/status",
        job);
    events.add("job " + name + " succeeded");
  }

  private List<Pod> pods(String namespace, Map<String, String> labels) {
    String selector =
        labels.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .collect(Collectors.joining(","));
    String path =
        "/api/v1/namespaces/"
            + namespace
            + "/pods?labelSelector="
            + URLEncoder.encode(selector, StandardCharsets.UTF_8);
    return new ArrayList<>(body(call(HttpMethod.GET, path, null), PodList.class).getItems());
  }

  private static Pod readyPod(String namespace, String name, Deployment deployment) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .endMetadata()
        .withSpec(deployment.getSpec().getTemplate().getSpec())
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  private static String podPath(String namespace, String name) {
    return "/api/v1/namespaces/" + namespace + "/pods/" + name;
  }

  /** A request to the store itself, as a client would send it; fails on any non-2xx answer. */
  private MockResponse call(HttpMethod method, String path, Object body) {
    byte[] bytes =
        body == null ? new byte[0] : Serialization.asJson(body).getBytes(StandardCharsets.UTF_8);
    MockResponse response =
        store.dispatch(
            new RecordedRequest(
                "HTTP/1.1",
                method,
                path,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(bytes)));
    if (response.code() / 100 != 2) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.code() + ": " + text(response));
    }
    return response;
  }

  private static <T> T body(MockResponse response, Class<T> type) {
    return Serialization.unmarshal(text(response), type);
  }

  private static String text(MockResponse response) {
    return response.getBody() == null
        ? ""
        : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }
}
