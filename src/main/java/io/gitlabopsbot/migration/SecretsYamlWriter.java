package io.gitlabopsbot.migration;

import java.util.Map;

/**
 * Writes the chart's {@code secrets.yml}: a {@code production:} mapping with one entry per secret,
 * in {@link RailsSecretKey} order, so the same secrets always give the same bytes (and the same
 * fingerprint). Tokens are single-quoted so that a value such as {@code 1e5} or {@code true} stays
 * a string for Ruby's YAML; PEM keys are literal block scalars, as in the chart's documentation.
 */
final class SecretsYamlWriter {

  private static final String ENTRY_INDENT = "  ";
  private static final String BODY_INDENT = "    ";

  private SecretsYamlWriter() {}

  static String write(Map<RailsSecretKey, SecretValue> values) {
    StringBuilder out = new StringBuilder("production:\n");
    for (Map.Entry<RailsSecretKey, SecretValue> entry : values.entrySet()) {
      String key = entry.getKey().key();
      SecretValue value = entry.getValue();
      out.append(ENTRY_INDENT).append(key).append(':');
      if (entry.getKey().shape() == RailsSecretKey.Shape.RSA_PEM) {
        block(out, value.single());
      } else if (value.list()) {
        out.append('\n');
        for (String part : value.parts()) {
          out.append(BODY_INDENT).append("- ").append(quoted(part)).append('\n');
        }
      } else {
        out.append(' ').append(quoted(value.single())).append('\n');
      }
    }
    return out.toString();
  }

  /** A literal block whose chomping indicator keeps the value's trailing line breaks exactly. */
  private static void block(StringBuilder out, String pem) {
    String body = pem;
    int trailing = 0;
    while (body.endsWith("\n")) {
      body = body.substring(0, body.length() - 1);
      trailing++;
    }
    String chomping = trailing == 0 ? "-" : trailing == 1 ? "" : "+";
    out.append(" |").append(chomping).append('\n');
    for (String line : body.split("\n", -1)) {
      if (line.isEmpty()) {
        out.append('\n');
      } else {
        out.append(BODY_INDENT).append(line).append('\n');
      }
    }
    out.append("\n".repeat(Math.max(0, trailing - 1)));
  }

  private static String quoted(String token) {
    return "'" + token.replace("'", "''") + "'";
  }
}
