package io.gitlabopsbot.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gitlabopsbot.ssh.SshSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The config and host facts the whole-bot migration tests share. */
public final class MigrationTestConfig {

  private MigrationTestConfig() {}

  /** The {@code migration} config section for the fixture's sshd. */
  public static String section(SshSettings ssh) {
    return section(
        ssh.host(),
        ssh.port(),
        ssh.user(),
        ssh.knownHosts(),
        ((SshSettings.ClientKey.File) ssh.key()).path());
  }

  /** The {@code migration} config section for an SSH server at {@code host:port}. */
  public static String section(
      String host, int port, String user, Path knownHosts, Path privateKey) {
    return """
        migration:
          ssh:
            host: %s
            port: %d
            user: %s
            knownHostsFile: %s
            privateKeyFile: %s
            connectTimeout: 5s
            commandTimeout: 30s
          objectStorage:
            region: eu-west-1
            buckets: {uploads: acme-uploads, artifacts: acme-artifacts, lfs: acme-lfs}
        """
        .formatted(host, port, user, knownHosts, privateKey);
  }

  /** Every value in the host's gitlab-secrets.json, and each line of its PEM keys. */
  public static List<String> secretsOnTheHost() {
    try {
      JsonNode json = new ObjectMapper().readTree(Path.of(OmnibusHostServer.SECRETS).toFile());
      List<String> values = new ArrayList<>();
      strings(json, values);
      return values.stream()
          .flatMap(String::lines)
          .filter(line -> line.length() >= 16 && !line.startsWith("-----"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void strings(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.forEach(child -> strings(child, out));
  }
}
