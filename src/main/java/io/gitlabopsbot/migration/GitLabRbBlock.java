package io.gitlabopsbot.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines the bot owns in {@code /etc/gitlab/gitlab.rb}: the consolidated object storage form
 * with the instance profile, and the backup upload to the chart's backup bucket. Rendered the same
 * way every time so that re-running the step changes nothing.
 */
final class GitLabRbBlock {

  static final String BEGIN = "# BEGIN gitlab-ops-bot object storage";
  static final String END = "# END gitlab-ops-bot object storage";

  /**
   * Consolidated-form types that stay on local disk. The consolidated form turns object storage on
   * for every type, and Rails refuses to start when an enabled type has no bucket, so each of these
   * is switched off explicitly. They stay in the backup and the chart restores them.
   */
  private static final List<String> KEPT_LOCAL =
      List.of("external_diffs", "dependency_proxy", "ci_secure_files", "pages");

  private GitLabRbBlock() {}

  static List<String> lines(ObjectStorageSettings settings) {
    List<String> lines = new ArrayList<>();
    lines.add(BEGIN);
    lines.add("# Written by gitlab-ops-bot for the move to the Helm chart. Change these settings");
    lines.add("# through the bot: lines between BEGIN and END are replaced on its next run.");
    lines.add("gitlab_rails['object_store']['enabled'] = true");
    lines.addAll(connection("gitlab_rails['object_store']['connection']", settings));
    Map<ObjectType, String> buckets = settings.buckets();
    for (ObjectType type : ObjectType.values()) {
      String bucket = buckets.get(type);
      lines.add(
          bucket == null
              ? object(type.key()) + "['enabled'] = false"
              : object(type.key()) + "['bucket'] = '" + bucket + "'");
    }
    for (String type : KEPT_LOCAL) {
      lines.add(object(type) + "['enabled'] = false");
    }
    lines.add(END);
    return List.copyOf(lines);
  }

  private static String object(String type) {
    return "gitlab_rails['object_store']['objects']['" + type + "']";
  }

  private static List<String> connection(String setting, ObjectStorageSettings settings) {
    List<String> entries = new ArrayList<>();
    entries.add("'provider' => 'AWS'");
    entries.add("'region' => '" + settings.region() + "'");
    // The instance profile supplies short-lived credentials: no key is ever written here.
    entries.add("'use_iam_profile' => true");
    settings.endpoint().ifPresent(uri -> entries.add("'endpoint' => '" + uri + "'"));
    if (settings.pathStyle()) {
      entries.add("'path_style' => true");
    }
    List<String> lines = new ArrayList<>();
    lines.add(setting + " = {");
    for (int i = 0; i < entries.size(); i++) {
      lines.add("  " + entries.get(i) + (i < entries.size() - 1 ? "," : ""));
    }
    lines.add("}");
    return lines;
  }
}
