package io.gitlabopsbot.cluster;

import io.gitlabopsbot.message.SlackText;
import java.util.Map;

/** The version skew section: kubelet versions of the nodes against the control plane. */
final class SkewText {

  static final String TITLE = "*Version skew*\n";

  private SkewText() {}

  static String render(Part<VersionSkew> part) {
    if (part instanceof Part.Missing<VersionSkew> missing) {
      return TITLE + ":warning: " + missing.why();
    }
    return TITLE + lines(((Part.Shown<VersionSkew>) part).value());
  }

  private static String lines(VersionSkew skew) {
    if (skew.byVersion().isEmpty() && skew.unreadable().isEmpty()) {
      return "The Kubernetes API lists no nodes.";
    }
    StringBuilder out = new StringBuilder("Control plane `" + skew.controlPlane() + "`; kubelets:");
    for (Map.Entry<MinorVersion, Long> entry : skew.byVersion().entrySet()) {
      int behind = skew.skew(entry.getKey());
      out.append("\n    • `")
          .append(entry.getKey())
          .append("` on ")
          .append(entry.getValue())
          .append(entry.getValue() == 1 ? " node" : " nodes")
          .append(
              behind == 0
                  ? " (same as control plane)"
                  : behind > 0 ? " (" + behind + " behind)" : " (" + -behind + " ahead)");
    }
    if (!skew.unreadable().isEmpty()) {
      out.append("\n:grey_question: ")
          .append(skew.unreadable().size())
          .append(" node(s) report no kubelet version, e.g. ")
          .append(SlackText.code(skew.unreadable().get(0)));
    }
    if (skew.outOfPolicy() > 0) {
      out.append("\n:x: ")
          .append(skew.outOfPolicy())
          .append(
              " node(s) are outside the Kubernetes skew policy (kubelet newer than the control"
                  + " plane or more than 3 minor versions older): upgrade or replace them.");
    } else if (skew.blockingNextUpgrade() > 0) {
      out.append("\n:warning: ")
          .append(skew.blockingNextUpgrade())
          .append(" node(s) are 3 minor versions behind: upgrade them before the control plane.");
    } else {
      out.append("\n:white_check_mark: Every kubelet is within the skew policy.");
    }
    return out.toString();
  }
}
