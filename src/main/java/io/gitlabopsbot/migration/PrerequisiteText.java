package io.gitlabopsbot.migration;

import java.util.List;

/** The prerequisite checks as lines of a Slack message. */
final class PrerequisiteText {

  private PrerequisiteText() {}

  static String render(List<Prerequisite> checks) {
    boolean all = checks.stream().allMatch(Prerequisite::met);
    StringBuilder text =
        new StringBuilder(
            all
                ? "✅ *Every prerequisite holds.*\n"
                : "⛔ *Not every prerequisite holds; fix these before `migrate start`:*\n");
    for (Prerequisite check : checks) {
      text.append(check.met() ? "✅ " : "❌ ")
          .append(check.name())
          .append(": ")
          .append(check.detail())
          .append('\n');
    }
    return text.toString().strip();
  }

  static boolean allMet(List<Prerequisite> checks) {
    return checks.stream().allMatch(Prerequisite::met);
  }
}
