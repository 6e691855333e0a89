package io.gitlabopsbot.cluster;

import io.gitlabopsbot.message.SlackText;

/** The GitLab readiness section: what in the Helm release would break on the next upgrades. */
final class ReleaseReadinessText {

  static final String TITLE = "*GitLab readiness (Helm release API versions)*\n";

  private ReleaseReadinessText() {}

  static String render(Part<ReleaseReadiness.Result> part, boolean enabled) {
    if (part instanceof Part.Missing<ReleaseReadiness.Result> missing) {
      return TITLE + (enabled ? ":warning: " : ":information_source: ") + missing.why();
    }
    return TITLE + lines(((Part.Shown<ReleaseReadiness.Result>) part).value());
  }

  private static String lines(ReleaseReadiness.Result result) {
    HelmRelease release = result.release();
    StringBuilder out =
        new StringBuilder("Release `")
            .append(SlackText.escape(release.name()))
            .append("` revision ")
            .append(release.revision())
            .append(" (")
            .append(SlackText.escape(release.status()))
            .append(
                release.chart().isEmpty()
                    ? ""
                    : ", chart `" + SlackText.escape(release.chart()) + "`")
            .append("), ")
            .append(release.apis().size())
            .append(" API kinds, checked up to Kubernetes ")
            .append(result.checkedUpTo())
            .append(':');
    if (result.findings().isEmpty()) {
      out.append("\n:white_check_mark: Nothing in the release uses an API removed up to ")
          .append(result.checkedUpTo())
          .append('.');
    }
    for (ReleaseReadiness.Finding f : result.findings()) {
      RemovedApis.Removal r = f.removal();
      boolean already = r.removedIn().compareTo(result.controlPlane()) <= 0;
      out.append(already ? "\n:x: already removed: " : "\n:warning: would break: ")
          .append(SlackText.escape(f.use().kind()))
          .append(" `")
          .append(SlackText.escape(f.use().apiVersion()))
          .append("` (removed in ")
          .append(r.removedIn())
          .append(") — use `")
          .append(SlackText.escape(r.use()))
          .append('`');
      if (already) {
        out.append(
            "; the stored manifest still names it, so the next `helm upgrade` fails until the"
                + " release record is mapped (helm-mapkubeapis)");
      }
    }
    if (!result.note().isEmpty()) {
      out.append("\n:grey_question: ").append(result.note());
    }
    out.append("\n_Read from the newest Helm release record the bot's Role names; after a `helm")
        .append(" upgrade` add the new revision to that Role. Removed-API table as of ")
        .append(result.tableAsOf())
        .append(" (Kubernetes deprecated API migration guide)._");
    return out.toString();
  }
}
