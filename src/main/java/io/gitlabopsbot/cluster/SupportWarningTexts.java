package io.gitlabopsbot.cluster;

import io.gitlabopsbot.message.SlackText;
import java.time.LocalDate;
import java.util.Optional;

/** The wording of end-of-support warnings. */
final class SupportWarningTexts {

  private SupportWarningTexts() {}

  /**
   * @param fallbackAsOf the date of the bundled calendar when the dates came from it, else empty
   */
  static String warning(
      ControlPlane plane, LocalDate end, SupportWarningDue due, Optional<LocalDate> fallbackAsOf) {
    String upgrade = upgradeTarget(plane.version());
    if (due instanceof SupportWarningDue.Threshold t) {
      return prefix(plane)
          + "standard support ends "
          + end
          + source(fallbackAsOf)
          + " — "
          + (t.daysLeft() == 1 ? "1 day" : t.daysLeft() + " days")
          + " left. "
          + upgrade
          + " before then; after that date "
          + afterwards(plane.supportType())
          + ".";
    }
    long since = ((SupportWarningDue.ExtendedBilling) due).daysSince();
    return prefix(plane)
        + (since == 0
            ? "extended support billing starts today"
            : "extended support billing started on " + end)
        + ": standard support ended "
        + end
        + source(fallbackAsOf)
        + ". "
        + upgrade
        + " to stop paying for extended support.";
  }

  static String checkFailed(String cluster, String why) {
    return ":warning: Could not check the end of EKS standard support for cluster `"
        + SlackText.escape(cluster)
        + "`: "
        + SlackText.escape(why)
        + ". No warning can be sent until this is fixed; the check runs again on its next"
        + " schedule, and `/gitlab cluster` shows the details.";
  }

  private static String prefix(ControlPlane plane) {
    return ":warning: EKS cluster `"
        + SlackText.escape(plane.name())
        + "` (Kubernetes "
        + SlackText.escape(plane.version())
        + "): ";
  }

  private static String upgradeTarget(String version) {
    return MinorVersion.parse(version)
        .map(v -> "Upgrade to " + v.next())
        .orElse("Upgrade to the next Kubernetes version");
  }

  private static String afterwards(String supportType) {
    return switch (supportType) {
      case "EXTENDED" -> "the cluster moves to extended support (extra cost)";
      case "STANDARD" -> "EKS upgrades the cluster automatically";
      default ->
          "the cluster either moves to extended support (extra cost) or is upgraded"
              + " automatically, depending on its upgrade policy";
    };
  }

  private static String source(Optional<LocalDate> fallbackAsOf) {
    return fallbackAsOf
        .map(
            asOf ->
                " (date from the bot's bundled EKS release calendar as of "
                    + asOf
                    + ", not from the EKS API)")
        .orElse("");
  }
}
