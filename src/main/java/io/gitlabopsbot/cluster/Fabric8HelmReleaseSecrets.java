package io.gitlabopsbot.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HelmReleaseSource} over Helm 3's release Secrets {@code
 * sh.helm.release.v1.<release>.v<N>}, without {@code list} on Secrets: a list would return every
 * Secret's contents, and RBAC cannot narrow it by name. Instead the bot asks the API server which
 * Secret names it may {@code get} (a SelfSubjectRulesReview, allowed to every authenticated user),
 * keeps the release records among them (the opt-in Role names them one by one), and reads them
 * newest first.
 */
public final class Fabric8HelmReleaseSecrets implements HelmReleaseSource {

  private static final Logger log = LoggerFactory.getLogger(Fabric8HelmReleaseSecrets.class);
  static final String PREFIX = "sh.helm.release.v1.";
  // Bounds the gets per report when many old revisions are still named in the Role.
  static final int MAX_READS = 5;

  private final KubernetesClient client;
  private final HelmReleaseDecoder decoder = new HelmReleaseDecoder();

  public Fabric8HelmReleaseSecrets(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public HelmReleaseLookup newest(String namespace, String release) {
    String role =
        "apply `manifests/optional/role-helm-release-secrets.yaml` naming the current"
            + " revision (`kubectl -n "
            + namespace
            + " get secrets -l owner=helm,name="
            + release
            + "`)";
    TreeSet<Integer> granted;
    try {
      granted = grantedRevisions(namespace, release);
    } catch (KubernetesClientException e) {
      log.warn(
          "readiness: SelfSubjectRulesReview in {} failed with HTTP {}", namespace, e.getCode());
      return new HelmReleaseLookup.Unavailable(
          "cannot ask the Kubernetes API which Secrets the bot may read (SelfSubjectRulesReview"
              + status(e)
              + "); check that the API server is reachable from the bot");
    }
    if (granted.isEmpty()) {
      return new HelmReleaseLookup.Unavailable(
          "the bot's Role grants `get` on no Helm release record of `"
              + release
              + "` in namespace `"
              + namespace
              + "`; "
              + role);
    }
    List<String> skipped = new ArrayList<>();
    HelmRelease newestOther = null;
    int reads = 0;
    for (int revision : granted.descendingSet()) {
      if (reads++ == MAX_READS) {
        break;
      }
      String name = PREFIX + release + ".v" + revision;
      Secret secret;
      try {
        secret = client.secrets().inNamespace(namespace).withName(name).get();
      } catch (KubernetesClientException e) {
        log.warn("readiness: get secret {}/{} failed with HTTP {}", namespace, name, e.getCode());
        skipped.add("`" + name + "` unreadable" + status(e));
        continue;
      }
      if (secret == null) {
        skipped.add("`" + name + "` no longer exists");
        continue;
      }
      HelmRelease decoded;
      try {
        decoded = decode(secret, name, release);
      } catch (HelmReleaseFormatException e) {
        log.warn("readiness: {}: {}", name, e.getMessage());
        return new HelmReleaseLookup.Unavailable(
            "the Helm release record `"
                + name
                + "` could not be decoded: "
                + e.getMessage()
                + "; check it was written by Helm 3");
      }
      if ("deployed".equals(decoded.status())) {
        return new HelmReleaseLookup.Found(decoded, note(skipped, role));
      }
      if (newestOther == null) {
        newestOther = decoded;
      }
    }
    if (newestOther != null) {
      skipped.add("no readable revision has status `deployed`; showing the newest one");
      return new HelmReleaseLookup.Found(newestOther, note(skipped, role));
    }
    return new HelmReleaseLookup.Unavailable(
        "no Helm release record the Role names could be read ("
            + String.join("; ", skipped)
            + "); Helm prunes old revisions: "
            + role);
  }

  private TreeSet<Integer> grantedRevisions(String namespace, String release) {
    SelfSubjectRulesReview review =
        client
            .authorization()
            .v1()
            .selfSubjectRulesReview()
            .create(
                new SelfSubjectRulesReviewBuilder()
                    .withNewSpec()
                    .withNamespace(namespace)
                    .endSpec()
                    .build());
    Pattern record = Pattern.compile(Pattern.quote(PREFIX + release + ".v") + "([1-9][0-9]{0,8})");
    TreeSet<Integer> revisions = new TreeSet<>(Comparator.naturalOrder());
    if (review.getStatus() == null || review.getStatus().getResourceRules() == null) {
      return revisions;
    }
    for (ResourceRule rule : review.getStatus().getResourceRules()) {
      if (grantsSecretGet(rule) && rule.getResourceNames() != null) {
        for (String name : rule.getResourceNames()) {
          Matcher m = record.matcher(name);
          if (m.matches()) {
            revisions.add(Integer.parseInt(m.group(1)));
          }
        }
      }
    }
    return revisions;
  }

  private static boolean grantsSecretGet(ResourceRule rule) {
    return matches(rule.getApiGroups(), "")
        && matches(rule.getResources(), "secrets")
        && matches(rule.getVerbs(), "get");
  }

  private static boolean matches(List<String> values, String wanted) {
    return values != null && (values.contains(wanted) || values.contains("*"));
  }

  private HelmRelease decode(Secret secret, String name, String release) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    if (labels == null
        || !"helm".equals(labels.get("owner"))
        || !release.equals(labels.get("name"))) {
      throw new HelmReleaseFormatException(
          "it lacks the labels `owner=helm,name=" + release + "` that Helm sets");
    }
    Map<String, String> data = secret.getData();
    if (data == null || data.get("release") == null) {
      throw new HelmReleaseFormatException("it has no `release` key");
    }
    return decoder.decode(data.get("release"));
  }

  private static String note(List<String> skipped, String role) {
    return skipped.isEmpty()
        ? ""
        : String.join("; ", skipped) + ". To read newer revisions, " + role;
  }

  private static String status(KubernetesClientException e) {
    return e.getCode() == 403 ? ": forbidden" : e.getCode() > 0 ? ": HTTP " + e.getCode() : "";
  }
}
