package io.gitlabopsbot.cluster;

import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.Notifier;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled end-of-support check: warns the channel once per threshold before EKS standard
 * support ends, and once when extended-support billing starts. A warning is recorded in the store
 * before it is posted, so replicas and restarts never repeat it.
 */
public final class SupportWarnings {

  private static final Logger log = LoggerFactory.getLogger(SupportWarnings.class);

  private final ClusterInfo eks;
  private final SupportCalendar calendar;
  private final SupportWarningLog sent;
  private final Notifier notifier;
  private final SupportWarningSettings settings;
  private final String cluster;
  private final Clock clock;

  /**
   * @param cluster the configured EKS cluster name, for the "could not check" notice
   */
  public SupportWarnings(
      ClusterInfo eks,
      SupportCalendar calendar,
      SupportWarningLog sent,
      Notifier notifier,
      SupportWarningSettings settings,
      String cluster,
      Clock clock) {
    this.eks = Objects.requireNonNull(eks, "eks");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.sent = Objects.requireNonNull(sent, "sent");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The dates of the cluster's version, and the calendar date when they are the fallback. */
  private record Dates(VersionSupport version, Optional<LocalDate> fallbackAsOf) {}

  /** Checks once; posts at most one warning or one notice. */
  public SupportWarningOutcome check() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    ControlPlane plane;
    Dates dates;
    try {
      plane = eks.controlPlane();
      dates = dates(plane.version());
    } catch (EksApiException e) {
      return failed(today, now, e.getMessage());
    } catch (UnknownVersion e) {
      return failed(today, now, e.getMessage());
    }
    LocalDate end = dates.version().endOfStandardSupport();
    if (end == null) {
      return new SupportWarningOutcome.NothingDue();
    }
    boolean extended = "EXTENDED".equals(plane.supportType());
    Optional<SupportWarningDue> due =
        SupportWarningDue.on(today, end, settings.thresholds(), extended);
    if (due.isEmpty()) {
      return new SupportWarningOutcome.NothingDue();
    }
    if (!sent.claim(plane.name(), plane.version(), due.get().key(), now)) {
      return new SupportWarningOutcome.AlreadySent(due.get());
    }
    String text = SupportWarningTexts.warning(plane, end, due.get(), dates.fallbackAsOf());
    try {
      notifier.post(settings.channel(), Message.of(text));
      return new SupportWarningOutcome.Posted(due.get());
    } catch (RuntimeException e) {
      // Released so the next check posts it; otherwise the warning would be lost for good.
      sent.release(plane.name(), plane.version(), due.get().key());
      log.warn(
          "Could not post the EKS support warning [cluster={}, warning={}]; retried on the next"
              + " check",
          plane.name(),
          due.get().key(),
          e);
      return new SupportWarningOutcome.PostFailed(due.get(), String.valueOf(e.getMessage()));
    }
  }

  private Dates dates(String version) {
    List<VersionSupport> versions;
    try {
      versions = eks.versions();
    } catch (EksApiException e) {
      if (e.fault() != EksApiException.Fault.ACCESS_DENIED) {
        throw e;
      }
      return calendar
          .find(version)
          .map(v -> new Dates(v, Optional.of(calendar.asOf())))
          .orElseThrow(
              () ->
                  new UnknownVersion(
                      "the bot's IAM role lacks `"
                          + e.permission()
                          + "` and Kubernetes "
                          + version
                          + " is not in the bot's bundled EKS calendar (as of "
                          + calendar.asOf()
                          + "); grant the permission"));
    }
    return versions.stream()
        .filter(v -> v.version().equals(version))
        .findFirst()
        .map(v -> new Dates(v, Optional.<LocalDate>empty()))
        .orElseThrow(
            () ->
                new UnknownVersion(
                    "`eks:DescribeClusterVersions` does not list Kubernetes " + version));
  }

  private SupportWarningOutcome failed(LocalDate today, Instant now, String reason) {
    log.warn("EKS end-of-support check failed [cluster={}]: {}", cluster, reason);
    // Keyed by day: a failing API is reported once a day, not on every check.
    if (!sent.claim(cluster, "", "check-failed-" + today, now)) {
      return new SupportWarningOutcome.CheckFailed(reason, false);
    }
    try {
      notifier.post(
          settings.channel(), Message.of(SupportWarningTexts.checkFailed(cluster, reason)));
      return new SupportWarningOutcome.CheckFailed(reason, true);
    } catch (RuntimeException e) {
      sent.release(cluster, "", "check-failed-" + today);
      log.warn("Could not post the EKS support check failure notice [cluster={}]", cluster, e);
      return new SupportWarningOutcome.CheckFailed(reason, false);
    }
  }

  /** The cluster's version has no known dates. */
  private static final class UnknownVersion extends RuntimeException {
    UnknownVersion(String message) {
      super(message);
    }
  }
}
