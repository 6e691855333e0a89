package io.gitlabopsbot.cluster;

import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.message.Message;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what {@code /gitlab cluster} shows: the control plane, its support dates, upgrade
 * insights, version skew and (opt-in) GitLab readiness. Only the control plane is required; every
 * other section that fails says why and the rest is still shown.
 */
public final class ClusterReport {

  private static final Logger log = LoggerFactory.getLogger(ClusterReport.class);

  private final ClusterInfo eks;
  private final NodeVersions nodes;
  private final SupportCalendar calendar;
  private final Clock clock;
  private final ReleaseReadiness readiness;

  /** A report whose GitLab readiness check is off. */
  public ClusterReport(ClusterInfo eks, NodeVersions nodes, SupportCalendar calendar, Clock clock) {
    this(eks, nodes, calendar, clock, ReleaseReadiness.off());
  }

  public ClusterReport(
      ClusterInfo eks,
      NodeVersions nodes,
      SupportCalendar calendar,
      Clock clock,
      ReleaseReadiness readiness) {
    this.readiness = Objects.requireNonNull(readiness, "readiness");
    this.eks = Objects.requireNonNull(eks, "eks");
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The report as a message; a failure to describe the cluster is the whole answer. */
  public Message build() {
    ControlPlane plane;
    try {
      plane = eks.controlPlane();
    } catch (EksApiException e) {
      log.warn("cluster report: {}", e.getMessage(), e);
      return ClusterMessage.failed(e);
    }
    Optional<MinorVersion> version = MinorVersion.parse(plane.version());
    Part<SupportStatus> support = support(plane.version(), version);
    Part<List<UpgradeInsight>> insights = insights();
    Part<VersionSkew> skew = skew(version);
    Part<ReleaseReadiness.Result> ready = readiness.check(version);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return new ClusterMessage(plane, today)
        .render(support, insights, skew, ReleaseReadinessText.render(ready, readiness.enabled()));
  }

  private Part<SupportStatus> support(String current, Optional<MinorVersion> version) {
    List<VersionSupport> versions;
    try {
      versions = eks.versions();
    } catch (EksApiException e) {
      log.warn("cluster report: {}", e.getMessage(), e);
      if (e.fault() == EksApiException.Fault.ACCESS_DENIED) {
        return fallback(current, version);
      }
      return new Part.Missing<>("Support dates unavailable: " + e.getMessage() + ".");
    }
    Optional<VersionSupport> mine =
        versions.stream().filter(v -> v.version().equals(current)).findFirst();
    if (mine.isEmpty()) {
      return new Part.Missing<>(
          "Support dates unavailable: `eks:DescribeClusterVersions` does not list version "
              + current
              + ".");
    }
    VersionSupport next = version.flatMap(v -> nextAfter(v, versions)).orElse(null);
    return new Part.Shown<>(
        new SupportStatus(
            mine.get(), next, "Support dates from the EKS API (`DescribeClusterVersions`)."));
  }

  // The API lists versions newest first today, but that order is not promised.
  private static Optional<VersionSupport> nextAfter(
      MinorVersion current, List<VersionSupport> versions) {
    VersionSupport best = null;
    MinorVersion bestVersion = null;
    for (VersionSupport candidate : versions) {
      Optional<MinorVersion> parsed = MinorVersion.parse(candidate.version());
      if (parsed.isPresent()
          && parsed.get().compareTo(current) > 0
          && (bestVersion == null || parsed.get().compareTo(bestVersion) < 0)) {
        best = candidate;
        bestVersion = parsed.get();
      }
    }
    return Optional.ofNullable(best);
  }

  private Part<SupportStatus> fallback(String current, Optional<MinorVersion> version) {
    String why =
        " because the bot's IAM role lacks `eks:DescribeClusterVersions`; grant it for current dates.";
    Optional<VersionSupport> mine = calendar.find(current);
    if (mine.isEmpty()) {
      return new Part.Missing<>(
          "Support dates unknown: version "
              + current
              + " is not in the bot's bundled EKS calendar (as of "
              + calendar.asOf()
              + ")"
              + why);
    }
    VersionSupport next = version.flatMap(v -> calendar.find(v.next().toString())).orElse(null);
    return new Part.Shown<>(
        new SupportStatus(
            mine.get(),
            next,
            ":warning: Support dates from the bot's bundled copy of the AWS EKS release calendar (as of "
                + calendar.asOf()
                + "), not from the EKS API,"
                + why));
  }

  private Part<List<UpgradeInsight>> insights() {
    try {
      return new Part.Shown<>(eks.upgradeInsights());
    } catch (EksApiException e) {
      log.warn("cluster report: {}", e.getMessage(), e);
      if (e.fault() == EksApiException.Fault.ACCESS_DENIED) {
        return new Part.Missing<>(
            "Upgrade insights not shown: the bot's IAM role lacks `"
                + e.permission()
                + "`; grant it to see them.");
      }
      return new Part.Missing<>("Upgrade insights unavailable: " + e.getMessage() + ".");
    }
  }

  private Part<VersionSkew> skew(Optional<MinorVersion> controlPlane) {
    if (controlPlane.isEmpty()) {
      return new Part.Missing<>("Version skew not computed: the control plane version is unknown.");
    }
    try {
      return new Part.Shown<>(VersionSkew.of(controlPlane.get(), nodes.kubeletVersions()));
    } catch (ClusterException e) {
      log.warn("cluster report: {}", e.getMessage(), e);
      return new Part.Missing<>(
          "Version skew not shown: the Kubernetes API could not be read (" + e.getMessage() + ").");
    }
  }
}
