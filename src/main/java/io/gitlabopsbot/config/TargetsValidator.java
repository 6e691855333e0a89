package io.gitlabopsbot.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validates {@code targets}: the GitLab installations the bot operates and the default one. */
final class TargetsValidator {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
  private static final Pattern LABEL_SELECTOR =
      Pattern.compile("[A-Za-z0-9./_-]+=[A-Za-z0-9._-]+(,[A-Za-z0-9./_-]+=[A-Za-z0-9._-]+)*");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final Problems problems;

  TargetsValidator(Problems problems) {
    this.problems = problems;
  }

  /** Fills {@code out} with the valid targets and returns the default target's name. */
  String validate(RawConfig.Targets raw, Map<String, TargetSettings> out) {
    if (raw == null || raw.list() == null || raw.list().isEmpty()) {
      problems.add("targets.list: at least one GitLab target is required");
      return "";
    }
    for (int i = 0; i < raw.list().size(); i++) {
      RawConfig.Target t = raw.list().get(i);
      String key = "targets.list[" + i + "]";
      if (t == null || t.name() == null) {
        problems.add(key + ".name: required");
        continue;
      }
      problems.check(DNS_LABEL, t.name(), key + ".name", "lower-case letters, digits and '-'");
      if (out.containsKey(t.name())) {
        problems.add(key + ".name: `" + t.name() + "` is used by another target");
      }
      TargetSettings target =
          new TargetSettings(
              t.name(),
              problems.required(
                  DNS_LABEL, t.namespace(), key + ".namespace", "a Kubernetes namespace name"),
              problems.required(
                  DNS_LABEL, t.helmRelease(), key + ".helmRelease", "a Helm release name"),
              problems.required(
                  LABEL_SELECTOR,
                  Objects.requireNonNullElse(t.toolboxSelector(), "app=toolbox"),
                  key + ".toolboxSelector",
                  "equality label selectors such as app=toolbox (set-based selectors are not allowed)"),
              problems.required(
                  BUCKET, t.backupBucket(), key + ".backupBucket", "an S3 bucket name"),
              problems.required(
                  DNS_SUBDOMAIN,
                  Objects.requireNonNullElse(
                      t.railsSecretName(), t.helmRelease() + "-rails-secret"),
                  key + ".railsSecretName",
                  "a Kubernetes Secret name"));
      out.put(t.name(), target);
    }
    String chosen = raw.defaultTarget();
    if (chosen == null && out.size() == 1) {
      chosen = out.keySet().iterator().next();
    }
    if (chosen == null) {
      problems.add(
          "targets.default: required when there is more than one target; one of " + out.keySet());
      return "";
    }
    if (!out.containsKey(chosen)) {
      problems.add("targets.default: `" + chosen + "` is not a target; one of " + out.keySet());
    }
    return chosen;
  }
}
