package io.gitlabopsbot.migration;

import io.gitlabopsbot.config.MigrationConfig;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.ssh.JschRemoteHost;
import io.gitlabopsbot.ssh.RemoteHost;
import io.gitlabopsbot.ssh.SshSettings;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Turns the {@code migration} config into the values and connections the runbook uses. */
public final class MigrationSetup {

  private final MigrationConfig config;
  private final TargetSettings target;
  private final SshSettings ssh;

  public MigrationSetup(MigrationConfig config, TargetSettings target) {
    this.config = config;
    this.target = target;
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
  public RemoteHost host() {
    return new JschRemoteHost(ssh);
  }

  public MigrationOptions options(String runId) {
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
}
