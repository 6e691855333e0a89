package io.gitlabopsbot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The Omnibus-to-chart migration (config section {@code migration}); absent means the migrate
 * commands say how to set it up. The host's key is pinned in {@code knownHostsFile}; the client key
 * comes from {@code MIGRATION_SSH_PRIVATE_KEY} (PEM text) or {@code ssh.privateKeyFile}, never from
 * the YAML itself.
 *
 * @param target the target migrated into; null for the default target
 * @param privateKey the PEM text from the environment, or null when a file is configured
 * @param privateKeyFile the key file, or null when the environment holds the key
 * @param passphrase {@code MIGRATION_SSH_KEY_PASSPHRASE}, or null
 * @param buckets bucket per object type key ({@code uploads}, {@code artifacts}, {@code lfs},
 *     optionally {@code packages}, {@code terraform_state})
 * @param endpoint only for S3-compatible storage; null for AWS S3
 */
public record MigrationConfig(
    String target,
    String host,
    int port,
    String user,
    Path knownHostsFile,
    Secret privateKey,
    Path privateKeyFile,
    Secret passphrase,
    boolean useSudo,
    Duration connectTimeout,
    Duration commandTimeout,
    String region,
    String endpoint,
    boolean pathStyle,
    Map<String, String> buckets,
    Duration approvalTtl) {

  public MigrationConfig {
    Objects.requireNonNull(host, "host");
    buckets = Map.copyOf(buckets);
  }
}
