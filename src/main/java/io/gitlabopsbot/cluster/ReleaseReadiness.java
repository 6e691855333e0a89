package io.gitlabopsbot.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * GitLab readiness for the next Kubernetes versions: the API versions of the GitLab Helm release's
 * stored manifest against the table of removed APIs. Opt-in, see {@link ReleaseReadinessSettings}.
 */
public final class ReleaseReadiness {

  /**
   * How many minor versions beyond the control plane are checked: the next one and the one after.
   */
  static final int LOOKAHEAD = 2;

  static final String OFF =
      "GitLab readiness check is off (opt-in: it reads the GitLab Helm release record, a Secret,"
          + " which needs the extra Role `manifests/optional/role-helm-release-secrets.yaml`; see"
          + " `docs/deployment.md`). Rely on the upgrade insights above for deprecated API use.";

  private final ReleaseReadinessSettings settings;
  private final HelmReleaseSource source;
  private final RemovedApis table;
  private final String namespace;
  private final String release;

  public ReleaseReadiness(
      ReleaseReadinessSettings settings,
      HelmReleaseSource source,
      RemovedApis table,
      String namespace,
      String release) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.source = Objects.requireNonNull(source, "source");
    this.table = Objects.requireNonNull(table, "table");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.release = Objects.requireNonNull(release, "release");
  }

  /** A check that is off: it reads nothing and says how to turn it on. */
  public static ReleaseReadiness off() {
    return new ReleaseReadiness(
        ReleaseReadinessSettings.OFF,
        (ns, rel) -> new HelmReleaseLookup.Unavailable(OFF),
        new RemovedApis("", List.of()),
        "",
        "");
  }

  boolean enabled() {
    return settings.enabled();
  }

  /** One API version the release uses that is removed at or before {@code checkedUpTo}. */
  record Finding(HelmRelease.ApiUse use, RemovedApis.Removal removal) {}

  /**
   * @param note about the revision read (mrkdwn), or empty
   * @param tableAsOf date of the removed-API table
   */
  record Result(
      HelmRelease release,
      String note,
      MinorVersion controlPlane,
      List<Finding> findings,
      String tableAsOf) {

    MinorVersion checkedUpTo() {
      return new MinorVersion(controlPlane.major(), controlPlane.minor() + LOOKAHEAD);
    }
  }

  Part<Result> check(Optional<MinorVersion> controlPlane) {
    if (!settings.enabled()) {
      return new Part.Missing<>(OFF);
    }
    if (controlPlane.isEmpty()) {
      return new Part.Missing<>(
          "GitLab readiness not checked: the control plane version is unknown.");
    }
    HelmReleaseLookup lookup = source.newest(namespace, release);
    if (lookup instanceof HelmReleaseLookup.Unavailable unavailable) {
      return new Part.Missing<>("GitLab readiness not checked: " + unavailable.why() + ".");
    }
    HelmReleaseLookup.Found found = (HelmReleaseLookup.Found) lookup;
    MinorVersion limit =
        new MinorVersion(controlPlane.get().major(), controlPlane.get().minor() + LOOKAHEAD);
    List<Finding> findings = new ArrayList<>();
    for (HelmRelease.ApiUse use : found.release().apis()) {
      table
          .find(use.apiVersion(), use.kind())
          .filter(r -> r.removedIn().compareTo(limit) <= 0)
          .ifPresent(r -> findings.add(new Finding(use, r)));
    }
    findings.sort(
        Comparator.comparing((Finding f) -> f.removal().removedIn())
            .thenComparing(f -> f.use().kind()));
    return new Part.Shown<>(
        new Result(found.release(), found.note(), controlPlane.get(), findings, table.asOf()));
  }
}
