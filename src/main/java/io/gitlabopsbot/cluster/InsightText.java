package io.gitlabopsbot.cluster;

import io.gitlabopsbot.message.SlackText;
import java.util.List;
import java.util.stream.Collectors;

/** The upgrade insights section: status per insight, and the deprecated APIs still called. */
final class InsightText {

  static final String TITLE = "*Upgrade insights*\n";

  private InsightText() {}

  static String render(Part<List<UpgradeInsight>> part) {
    if (part instanceof Part.Missing<List<UpgradeInsight>> missing) {
      return TITLE + ":warning: " + missing.why();
    }
    return TITLE + lines(((Part.Shown<List<UpgradeInsight>>) part).value());
  }

  private static String lines(List<UpgradeInsight> insights) {
    if (insights.isEmpty()) {
      return "EKS reports no upgrade-readiness insights for this cluster yet; EKS refreshes them"
          + " about once a day.";
    }
    StringBuilder out = new StringBuilder();
    for (UpgradeInsight insight : insights) {
      out.append(icon(insight.status()))
          .append(" *")
          .append(SlackText.escape(insight.status()))
          .append("* ")
          .append(SlackText.escape(insight.name()));
      if (!insight.reason().isEmpty()) {
        out.append(" — ").append(SlackText.escape(insight.reason()));
      }
      out.append('\n');
      for (UpgradeInsight.Deprecation d : insight.deprecations()) {
        out.append("    • ").append(deprecation(d)).append('\n');
      }
    }
    return out.toString().stripTrailing();
  }

  private static String deprecation(UpgradeInsight.Deprecation d) {
    String replacement =
        d.replacedWith().isEmpty()
            ? "no replacement"
            : "use `" + SlackText.escape(d.replacedWith()) + "`";
    String callers =
        d.userAgents().isEmpty()
            ? "no recent callers"
            : "still called by "
                + d.userAgents().stream().map(SlackText::code).collect(Collectors.joining(", "));
    return "`"
        + SlackText.escape(d.usage())
        + "` stops being served in "
        + SlackText.escape(d.stopServingVersion())
        + "; "
        + replacement
        + "; "
        + callers;
  }

  private static String icon(String status) {
    return switch (status) {
      case "PASSING" -> ":white_check_mark:";
      case "WARNING" -> ":warning:";
      case "ERROR" -> ":x:";
      default -> ":grey_question:";
    };
  }
}
