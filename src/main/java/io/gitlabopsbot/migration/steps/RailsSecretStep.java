package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.kubernetes.RailsSecrets;
import io.gitlabopsbot.kubernetes.SecretSnapshot;
import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.OmnibusSecrets;
import io.gitlabopsbot.migration.RunbookStep;
import io.gitlabopsbot.migration.SecretsParse;
import io.gitlabopsbot.migration.StepContext;
import io.gitlabopsbot.migration.StepFailedException;
import io.gitlabopsbot.ssh.RemoteHost;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Step 3-1: replaces {@code secrets.yml} in the chart's rails Secret with the one built from the
 * host's {@code gitlab-secrets.json}. The previous value stays in the same Secret under {@code
 * secrets.yml.before-<run>} (the chart mounts only {@code secrets.yml}), so it can be put back
 * without any extra RBAC. Only key names and fingerprints are ever shown.
 */
final class RailsSecretStep implements RunbookProcedure {

  static final String SECRETS_JSON = "/etc/gitlab/gitlab-secrets.json";
  static final String KEY = "secrets.yml";
  private static final int MAX_BYTES = 512 * 1024;

  private final MigrationOptions options;
  private final String secretName;
  private final Supplier<RemoteHost> hosts;
  private final RailsSecrets secrets;

  RailsSecretStep(
      MigrationOptions options,
      String secretName,
      Supplier<RemoteHost> hosts,
      RailsSecrets secrets) {
    this.options = options;
    this.secretName = secretName;
    this.hosts = hosts;
    this.secrets = secrets;
  }

  @Override
  public RunbookStep step() {
    return RunbookStep.REPLACE_RAILS_SECRET;
  }

  @Override
  public String describe() {
    return "read "
        + SECRETS_JSON
        + " on the host, build secrets.yml from it, keep the current value as "
        + backupKey()
        + " and replace key secrets.yml of Secret "
        + options.namespace()
        + "/"
        + secretName;
  }

  @Override
  public Precheck precheck(StepContext context) {
    SecretsParse parsed = read();
    if (parsed instanceof SecretsParse.Invalid invalid) {
      return new Precheck.Blocked(
          SECRETS_JSON + " on the host is not usable: " + invalid.summary());
    }
    OmnibusSecrets host = ((SecretsParse.Parsed) parsed).secrets();
    Optional<SecretSnapshot> current = secret();
    if (current.isEmpty()) {
      return new Precheck.Blocked(
          "Secret "
              + options.namespace()
              + "/"
              + secretName
              + " does not exist; install the chart"
              + " first, or set the target's railsSecretName.");
    }
    return Arrays.equals(current.get().data().get(KEY), host.secretsYaml())
        ? new Precheck.AlreadyDone(
            "the rails secret already holds the host's secrets (fingerprint "
                + host.fingerprint()
                + ")")
        : new Precheck.Ready();
  }

  @Override
  public void act(StepContext context) {
    OmnibusSecrets host = read().orThrow();
    SecretSnapshot current =
        secret().orElseThrow(() -> new StepFailedException("the rails secret disappeared"));
    context.output(
        "host secrets: keys "
            + String.join(", ", host.keyNames())
            + "; fingerprint "
            + host.fingerprint());
    context.output("current Secret " + secretName + ": " + current);
    Map<String, byte[]> data = new LinkedHashMap<>(current.data());
    if (data.containsKey(KEY)) {
      data.putIfAbsent(backupKey(), data.get(KEY));
    }
    data.put(KEY, host.secretsYaml());
    try {
      secrets.replace(options.namespace(), secretName, data, current.resourceVersion());
    } catch (ClusterException.Conflict e) {
      throw new StepFailedException(
          "Secret "
              + secretName
              + " changed while the bot replaced it; nothing was written."
              + " Resume to try again.",
          e);
    }
  }

  @Override
  public Check verify(StepContext context) {
    OmnibusSecrets host = read().orThrow();
    Optional<SecretSnapshot> now = secret();
    return now.isPresent() && Arrays.equals(now.get().data().get(KEY), host.secretsYaml())
        ? new Check.Passed(
            "rails secret replaced (fingerprint "
                + host.fingerprint()
                + "); the previous value is kept as "
                + backupKey())
        : new Check.Failed("the rails secret does not read back with the host's secrets");
  }

  private SecretsParse read() {
    try (RemoteHost host = hosts.get()) {
      return OmnibusSecrets.parse(
          host.readText(SECRETS_JSON, MAX_BYTES).getBytes(StandardCharsets.UTF_8));
    }
  }

  private Optional<SecretSnapshot> secret() {
    return secrets.read(options.namespace(), secretName);
  }

  private String backupKey() {
    return KEY + ".before-" + options.runId();
  }
}
