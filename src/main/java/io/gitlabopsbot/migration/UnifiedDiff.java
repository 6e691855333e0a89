package io.gitlabopsbot.migration;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** A unified diff with three lines of context, as {@code diff -u} shows it. */
final class UnifiedDiff {

  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** Empty when the two versions are equal. */
  static String of(String path, List<String> before, List<String> after) {
    Patch<String> patch = DiffUtils.diff(before, after);
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(path, path, before, patch, CONTEXT);
    return String.join("\n", lines) + "\n";
  }
}
