package io.gitlabopsbot.backup;

import io.gitlabopsbot.kubernetes.ExecResult;
import io.gitlabopsbot.kubernetes.ToolboxScript;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an exec'd command print its own exit status as its last output line. The exec protocol
 * sends the status in a separate frame after the output, and that frame is sometimes lost when the
 * stream closes; the line travels with the output, so the result never has to be guessed.
 */
final class ExitMarker {

  static final String PREFIX = "gitlab-ops-bot: exit status ";
  private static final Pattern LINE =
      Pattern.compile("(?m)^" + Pattern.quote(PREFIX) + "(\\d{1,3})\\s*$");

  private ExitMarker() {}

  /** The command run by bash, followed by the marker line with its exit status. */
  static List<String> wrap(List<String> command) {
    String line = String.join(" ", command.stream().map(ToolboxScript::quote).toList());
    return List.of("/bin/bash", "-c", line + "; echo \"" + PREFIX + "$?\"");
  }

  /** The exit status the marker reports, when the exec's own status frame was lost. */
  static ExecResult settle(ExecResult result) {
    if (!(result instanceof ExecResult.Broken)) {
      return result;
    }
    Matcher matcher = LINE.matcher(result.output());
    Integer last = null;
    while (matcher.find()) {
      last = Integer.parseInt(matcher.group(1));
    }
    return last == null ? result : new ExecResult.Exited(last, result.output());
  }
}
