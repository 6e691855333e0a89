package io.gitlabopsbot.cluster;

import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.SlackText;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Renders the cluster report as a message: fields first, then one section per topic. */
final class ClusterMessage {

  private final ControlPlane plane;
  private final LocalDate today;

  ClusterMessage(ControlPlane plane, LocalDate today) {
    this.plane = plane;
    this.today = today;
  }

  static Message failed(EksApiException e) {
    String what =
        switch (e.fault()) {
          case ACCESS_DENIED -> "the bot's IAM role lacks `" + e.permission() + "`; grant it";
          case NOT_FOUND, THROTTLED, FAILED -> SlackText.escape(e.getMessage());
        };
    return Message.builder("Cannot describe the EKS cluster: " + e.getMessage())
        .section(":x: Cannot describe the EKS cluster: " + what + ".")
        .build();
  }

  /**
   * @param readiness the rendered GitLab readiness section (mrkdwn)
   */
  Message render(
      Part<SupportStatus> support,
      Part<List<UpgradeInsight>> insights,
      Part<VersionSkew> skew,
      String readiness) {
    String name = SlackText.escape(plane.name());
    Message.Builder message =
        Message.builder(summary(support)).header("EKS cluster " + plane.name());
    List<Block.Field> fields = new ArrayList<>();
    fields.add(new Block.Field("Kubernetes", "`" + SlackText.escape(plane.version()) + "`"));
    fields.add(new Block.Field("Platform", "`" + SlackText.escape(plane.platformVersion()) + "`"));
    fields.add(new Block.Field("Status", SlackText.escape(plane.status())));
    fields.add(new Block.Field("Support policy", policy()));
    if (support instanceof Part.Shown<SupportStatus> shown) {
      SupportStatus s = shown.value();
      fields.add(
          new Block.Field("End of standard support", when(s.current().endOfStandardSupport())));
      fields.add(
          new Block.Field("End of extended support", when(s.current().endOfExtendedSupport())));
      fields.add(new Block.Field("Next version", next(s.next())));
    }
    message.fields(fields);
    if (support instanceof Part.Shown<SupportStatus> shown) {
      message.context(shown.value().sourceNote());
    } else if (support instanceof Part.Missing<SupportStatus> missing) {
      message.section(":warning: " + missing.why());
    }
    message.divider().section(InsightText.render(insights));
    message.divider().section(SkewText.render(skew));
    message.divider().section(readiness);
    return message
        .context("Cluster `" + name + "`; days counted in UTC from " + today + ".")
        .build();
  }

  private String summary(Part<SupportStatus> support) {
    String base =
        "EKS cluster " + plane.name() + ": Kubernetes " + plane.version() + ", " + plane.status();
    if (support instanceof Part.Shown<SupportStatus> shown) {
      VersionSupport current = shown.value().current();
      LocalDate end =
          "STANDARD".equals(plane.supportType())
              ? current.endOfStandardSupport()
              : current.endOfExtendedSupport();
      if (end != null) {
        return base + ", supported until " + end + " (" + days(end) + ")";
      }
    }
    return base;
  }

  private String policy() {
    return switch (plane.supportType()) {
      case "STANDARD" -> "STANDARD (auto-upgraded when standard support ends)";
      case "EXTENDED" -> "EXTENDED (extended support, billed extra, after standard support ends)";
      case "" -> "not reported";
      default -> SlackText.escape(plane.supportType());
    };
  }

  private String when(LocalDate date) {
    return date == null ? "not announced" : date + " (" + days(date) + ")";
  }

  private String next(VersionSupport next) {
    if (next == null) {
      return "none available yet";
    }
    String until =
        next.endOfStandardSupport() == null
            ? ""
            : ", standard support until " + next.endOfStandardSupport();
    return "`" + SlackText.escape(next.version()) + "`" + until;
  }

  String days(LocalDate date) {
    long days = ChronoUnit.DAYS.between(today, date);
    if (days == 0) {
      return "today";
    }
    if (days > 0) {
      return days == 1 ? "in 1 day" : "in " + days + " days";
    }
    return -days == 1 ? "1 day ago" : -days + " days ago";
  }
}
