package io.gitlabopsbot;

import io.gitlabopsbot.config.MigrationConfig;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.ObjectStorageSettings;
import io.gitlabopsbot.migration.ObjectType;
import io.gitlabopsbot.ssh.JschRemoteHost;
import io.gitlabopsbot.ssh.RemoteHost;
import io.gitlabopsbot.ssh.SshSettings;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns the {@code migration} config into the values and connections the runbook uses. */
final class MigrationWiring {

  private final MigrationConfig config;
  private final TargetSettings target;
  private final S3Client s3;
  private final SshSettings ssh;

  MigrationWiring(Core core, MigrationConfig config, TargetSettings target, S3Client s3) {
    this.config = config;
    this.target = target;
    this.s3 = s3;
    this.ssh =
        new SshSettings(
            config.host(),
            config.port(),
            config.user(),
            config.privateKey() != null
                ? new SshSettings.ClientKey.Inline(config.privateKey())
                : new SshSettings.ClientKey.File(config.privateKeyFile()),
            Optional.ofNullable(config.passphrase()),
            config.knownHostsFile(),
            config.connectTimeout(),
            Duration.ofSeconds(15),
            4,
            config.commandTimeout(),
            config.useSudo());
  }

  /** A new connection to the Omnibus host; the caller closes it. */
  RemoteHost host() {
    return new JschRemoteHost(ssh);
  }

  MigrationOptions options(String runId) {
    Map<ObjectType, String> buckets = new EnumMap<>(ObjectType.class);
    for (ObjectType type : ObjectType.values()) {
      String bucket = config.buckets().get(type.key());
      if (bucket != null) {
        buckets.put(type, bucket);
      }
    }
    return new MigrationOptions(
        new ObjectStorageSettings(
            buckets,
            target.backupBucket(),
            config.region(),
            Optional.ofNullable(config.endpoint()).map(URI::create),
            config.pathStyle()),
        runId,
        target.helmRelease(),
        target.namespace());
  }

  /** Whether the bot sees {@code bucket}; a bucket it may not read counts as present. */
  boolean bucketExists(String bucket) {
    try {
      s3.headBucket(r -> r.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      // 403: it exists but the bot's role may not look at it; the host's instance profile may.
      return e.statusCode() == 403;
    }
  }
}
