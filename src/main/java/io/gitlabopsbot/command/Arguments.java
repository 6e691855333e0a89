package io.gitlabopsbot.command;

import io.gitlabopsbot.access.Redactor;
import io.gitlabopsbot.command.CommandSpec.FlagSpec;
import java.util.Map;
import java.util.TreeMap;

/** Renders parsed arguments for the audit log, masking secret flags and secret-shaped values. */
final class Arguments {

  private Arguments() {}

  static String forAudit(ParseResult.Parsed parsed, Redactor redactor) {
    StringBuilder text = new StringBuilder();
    for (String argument : parsed.arguments()) {
      append(text, quote(argument));
    }
    Map<String, String> flags = new TreeMap<>(parsed.flags());
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      boolean secret =
          parsed.spec().flags().stream()
              .filter(spec -> spec.name().equals(flag.getKey()))
              .anyMatch(FlagSpec::secret);
      boolean bool =
          parsed.spec().flags().stream()
              .anyMatch(spec -> spec.name().equals(flag.getKey()) && !spec.takesValue());
      if (bool) {
        append(text, "--" + flag.getKey());
      } else {
        append(
            text, "--" + flag.getKey() + "=" + (secret ? Redactor.MASK : quote(flag.getValue())));
      }
    }
    return redactor.redact(text.toString());
  }

  private static void append(StringBuilder text, String part) {
    if (!text.isEmpty()) {
      text.append(' ');
    }
    text.append(part);
  }

  private static String quote(String value) {
    return value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)
        ? '"' + value + '"'
        : value;
  }
}
