package io.gitlabopsbot.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gitlabopsbot.access.Redactor;
import io.gitlabopsbot.ssh.RemoteHost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Every value in an Omnibus {@code gitlab-secrets.json} that must never be shown: each string
 * (Rails key bases, OpenID Connect and CI JWT signing keys, Shell and Workhorse tokens, registry
 * keys, …) and each line of a multi-line one (the base64 body of a PEM key), so that output which
 * prints a key line by line is masked too.
 */
public final class HostSecretValues {

  /** Where Omnibus keeps them. */
  public static final String PATH = "/etc/gitlab/gitlab-secrets.json";

  /**
   * Read with the same bound as the prerequisites and step 3-1: the documented sudoers file allows
   * exactly that one read of the file ({@code head -c 524289}), nothing else.
   */
  public static final int MAX_BYTES = 512 * 1024;

  /** Shorter strings (booleans, small numbers as text) are not worth masking and mask too much. */
  private static final int MIN_LENGTH = 8;

  private HostSecretValues() {}

  /**
   * The values to mask; empty when the text is not JSON.
   *
   * @param json the file's text
   */
  /**
   * Teaches {@code redactor} (logs, audit, Slack, step output) every value of the host's
   * gitlab-secrets.json, so commands that print one (reconfigure, rake tasks) show it masked. When
   * the file cannot be read, known secret shapes are still masked and the run goes on (the
   * prerequisites report the file).
   */
  public static void teach(Redactor redactor, Supplier<RemoteHost> hosts) {
    try (RemoteHost host = hosts.get()) {
      redactor.learn(of(host.readText(PATH, MAX_BYTES)));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(HostSecretValues.class)
          .warn(
              "could not read the host's secrets to mask them in output [file={}, reason={}]",
              PATH,
              e.getMessage());
    }
  }

  public static List<String> of(String json) {
    List<String> values = new ArrayList<>();
    try {
      collect(new ObjectMapper().readTree(json), values);
    } catch (IOException e) {
      return List.of();
    }
    return values;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      String value = node.asText();
      add(value, out);
      value.lines().filter(line -> !line.startsWith("-----")).forEach(line -> add(line, out));
      // Output that shows the JSON itself has the line breaks as \n.
      add(value.replace("\n", "\\n"), out);
    }
    node.forEach(child -> collect(child, out));
  }

  private static void add(String value, List<String> out) {
    String stripped = value.strip();
    if (stripped.length() >= MIN_LENGTH) {
      out.add(stripped);
    }
  }
}
