package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.GitLabCluster;
import io.gitlabopsbot.kubernetes.RailsSecrets;
import io.gitlabopsbot.kubernetes.ToolboxLookup;
import io.gitlabopsbot.kubernetes.Workloads;
import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.OmnibusSecrets;
import io.gitlabopsbot.migration.Prerequisite;
import io.gitlabopsbot.migration.SecretsParse;
import io.gitlabopsbot.ssh.RemoteHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What must hold before a migration starts, checked without changing anything: the host answers
 * over SSH with every service up, both sides run the same GitLab version, the buckets exist, the
 * chart's toolbox and rails secret are there, and the host's secrets file is complete.
 */
public final class Prerequisites {

  /** Where Omnibus records the GitLab version it runs, e.g. {@code 17.5.2-ee}. */
  public static final String VERSION_FILE = "/opt/gitlab/embedded/service/gitlab-rails/VERSION";

  private final MigrationOptions options;
  private final String toolboxSelector;
  private final String railsSecretName;
  private final Supplier<RemoteHost> hosts;
  private final Workloads workloads;
  private final GitLabCluster cluster;
  private final RailsSecrets secrets;
  private final Predicate<String> bucketExists;

  public Prerequisites(
      MigrationOptions options,
      String toolboxSelector,
      String railsSecretName,
      Supplier<RemoteHost> hosts,
      Workloads workloads,
      GitLabCluster cluster,
      RailsSecrets secrets,
      Predicate<String> bucketExists) {
    this.options = options;
    this.toolboxSelector = toolboxSelector;
    this.railsSecretName = railsSecretName;
    this.hosts = hosts;
    this.workloads = workloads;
    this.cluster = cluster;
    this.secrets = secrets;
    this.bucketExists = bucketExists;
  }

  /** Every check, in order; a check that throws counts as not met with its message. */
  public List<Prerequisite> check() {
    List<Prerequisite> results = new ArrayList<>();
    Optional<String> hostVersion = Optional.empty();
    try (RemoteHost host = hosts.get()) {
      boolean up = HostRuns.succeeds(host, List.of("gitlab-ctl", "status"), Duration.ofMinutes(1));
      results.add(
          new Prerequisite(
              "Omnibus host over SSH",
              up,
              up
                  ? "reachable; `gitlab-ctl status` shows every service up"
                  : "reachable, but `gitlab-ctl status` reports a service down; start it first"));
      hostVersion = Optional.of(GitLabVersions.plain(host.readText(VERSION_FILE, 200)));
      SecretsParse parsed =
          OmnibusSecrets.parse(
              host.readText(RailsSecretStep.SECRETS_JSON, 512 * 1024)
                  .getBytes(StandardCharsets.UTF_8));
      results.add(
          parsed instanceof SecretsParse.Invalid invalid
              ? new Prerequisite("gitlab-secrets.json", false, invalid.summary())
              : new Prerequisite(
                  "gitlab-secrets.json", true, "every key the chart needs is present"));
    } catch (RuntimeException e) {
      results.add(new Prerequisite("Omnibus host over SSH", false, e.getMessage()));
    }
    String onHost = hostVersion.orElse(null);
    results.add(guarded("same GitLab version", () -> version(onHost)));
    results.add(guarded("buckets", this::buckets));
    results.add(guarded("chart toolbox", this::toolbox));
    results.add(
        guarded(
            "rails secret",
            () ->
                secrets.read(options.namespace(), railsSecretName).isPresent()
                    ? new Prerequisite(
                        "rails secret",
                        true,
                        options.namespace() + "/" + railsSecretName + " exists")
                    : new Prerequisite(
                        "rails secret",
                        false,
                        options.namespace()
                            + "/"
                            + railsSecretName
                            + " not found; set the target's railsSecretName")));
    return results;
  }

  private Prerequisite version(String host) {
    Optional<String> chart = workloads.gitlabVersion(options.namespace(), options.helmRelease());
    if (host == null || chart.isEmpty()) {
      return new Prerequisite(
          "same GitLab version",
          false,
          "could not read "
              + (host == null
                  ? "the host's version (" + VERSION_FILE + ")"
                  : "the chart's version (webservice/toolbox image tags)"));
    }
    boolean same = host.equals(chart.get());
    return new Prerequisite(
        "same GitLab version",
        same,
        same
            ? "both run " + host
            : "the host runs "
                + host
                + " but the chart runs "
                + chart.get()
                + "; deploy the chart with GitLab "
                + host
                + " (or upgrade the host) first");
  }

  private Prerequisite buckets() {
    List<String> missing = new ArrayList<>();
    List<String> all = new ArrayList<>(options.storage().buckets().values());
    all.add(options.storage().backupBucket());
    for (String bucket : all) {
      if (!bucketExists.test(bucket)) {
        missing.add(bucket);
      }
    }
    return missing.isEmpty()
        ? new Prerequisite("buckets", true, "all exist: " + String.join(", ", all))
        : new Prerequisite("buckets", false, "missing: " + String.join(", ", missing));
  }

  private Prerequisite toolbox() {
    ToolboxLookup lookup =
        cluster.findToolbox(
            options.namespace(),
            EqualitySelector.parse(toolboxSelector).with("release", options.helmRelease()));
    return lookup instanceof ToolboxLookup.Unavailable unavailable
        ? new Prerequisite("chart toolbox", false, unavailable.reason())
        : new Prerequisite("chart toolbox", true, "found and Ready");
  }

  private static Prerequisite guarded(String name, Supplier<Prerequisite> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return new Prerequisite(name, false, String.valueOf(e.getMessage()));
    }
  }
}
