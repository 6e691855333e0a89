package io.gitlabopsbot.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a {@link RawConfig} plus the environment into {@link Settings}, collecting every problem.
 */
final class SettingsValidator {

  static final String BOT_TOKEN_ENV = "SLACK_BOT_TOKEN";
  static final String APP_TOKEN_ENV = "SLACK_APP_TOKEN";
  static final String SIGNING_SECRET_ENV = "SLACK_SIGNING_SECRET";
  static final String DB_PASSWORD_ENV = "GITLAB_OPS_BOT_DB_PASSWORD";

  private static final Pattern TEAM_ID = Pattern.compile("T[A-Z0-9]{6,}");
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{6,}");
  private static final Pattern GROUP_ID = Pattern.compile("S[A-Z0-9]{6,}");
  private static final Pattern SLASH_COMMAND = Pattern.compile("/[a-z0-9_-]{1,31}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");

  private final Map<String, String> env;
  private final Function<Map<String, String>, ProxySettings> proxyReader;
  private final String source;
  private final Problems problems = new Problems();

  SettingsValidator(
      Map<String, String> env,
      Function<Map<String, String>, ProxySettings> proxyReader,
      String source) {
    this.env = env;
    this.proxyReader = proxyReader;
    this.source = source;
  }

  Settings validate(RawConfig raw, boolean dryRunFlag) {
    SlackSettings slack = slack(raw.slack());
    HttpSettings http = http(raw.http());
    StoreSettings store = store(raw.store());
    AccessSettings access = access(raw.access(), slack.mode());
    Map<String, TargetSettings> targets = new LinkedHashMap<>();
    String defaultTarget = new TargetsValidator(problems).validate(raw.targets(), targets);
    AwsSettings aws = aws(raw.aws());
    BackupConfig backup = new BackupConfigValidator(problems).validate(raw.backup());
    AlertsConfig alerts = new AlertsConfigValidator(problems, env).validate(raw.alerts());
    ClusterConfig cluster =
        new ClusterConfig(
            raw.cluster() != null && Boolean.TRUE.equals(raw.cluster().helmReadiness()));
    RestoreConfig restore = new RestoreConfigValidator(problems).validate(raw.restore());
    MigrationConfig migration =
        new MigrationConfigValidator(problems, env).validate(raw.migration());
    if (migration != null
        && migration.target() != null
        && !targets.containsKey(migration.target())) {
      problems.add("migration.target: `" + migration.target() + "` is not a configured target");
    }
    boolean dryRun = dryRunFlag || Boolean.TRUE.equals(raw.dryRun());
    ProxySettings proxy = proxy();
    if (!problems.list().isEmpty()) {
      throw new ConfigException(source, problems.list());
    }
    return new Settings(
        slack,
        http,
        store,
        access,
        targets,
        defaultTarget,
        proxy,
        aws,
        backup,
        alerts,
        cluster,
        restore,
        migration,
        dryRun);
  }

  private SlackSettings slack(RawConfig.Slack raw) {
    RawConfig.Slack s = raw != null ? raw : new RawConfig.Slack(null, null, null, null);
    Secret bot = secret(BOT_TOKEN_ENV);
    Secret app = secret(APP_TOKEN_ENV);
    Secret signing = secret(SIGNING_SECRET_ENV);
    String modeText = Objects.requireNonNullElse(s.mode(), "socket").toLowerCase(Locale.ROOT);
    SlackSettings.Mode mode;
    switch (modeText) {
      case "socket" -> mode = SlackSettings.Mode.SOCKET;
      case "http" -> mode = SlackSettings.Mode.HTTP;
      default -> {
        problems.add("slack.mode: `" + s.mode() + "` is not a mode; expected socket or http");
        mode = SlackSettings.Mode.SOCKET;
      }
    }
    if (bot == null && app == null && signing == null) {
      // No Slack credentials at all: run on the console so a newcomer can try the bot first.
      mode = SlackSettings.Mode.CONSOLE;
    } else {
      if (bot == null) {
        problems.add(BOT_TOKEN_ENV + " is not set: Slack mode needs the bot token (xoxb-…)");
      } else if (!bot.value().startsWith("xoxb-")) {
        problems.add(BOT_TOKEN_ENV + " does not look like a bot token: it should start with xoxb-");
      }
      if (mode == SlackSettings.Mode.SOCKET && app == null) {
        problems.add(
            APP_TOKEN_ENV
                + " is not set: slack.mode socket needs an app-level token (xapp-…) with the"
                + " connections:write scope; or set slack.mode: http and "
                + SIGNING_SECRET_ENV);
      } else if (mode == SlackSettings.Mode.SOCKET && !app.value().startsWith("xapp-")) {
        problems.add(
            APP_TOKEN_ENV + " does not look like an app-level token: it should start with xapp-");
      }
      if (mode == SlackSettings.Mode.HTTP && signing == null) {
        problems.add(
            SIGNING_SECRET_ENV + " is not set: slack.mode http needs the app's signing secret");
      }
    }
    String apiBaseUrl = Objects.requireNonNullElse(s.apiBaseUrl(), "https://slack.com/api/");
    if (!apiBaseUrl.endsWith("/")) {
      apiBaseUrl = apiBaseUrl + "/";
    }
    problems.checkUrl("slack.apiBaseUrl", apiBaseUrl, true);
    String slash = Objects.requireNonNullElse(s.slashCommand(), "/gitlab");
    problems.check(SLASH_COMMAND, slash, "slack.slashCommand", "a slash command such as /gitlab");
    if (s.notificationChannel() != null) {
      problems.check(
          CHANNEL_ID, s.notificationChannel(), "slack.notificationChannel", channelHint());
    }
    return new SlackSettings(mode, apiBaseUrl, slash, s.notificationChannel(), bot, app, signing);
  }

  private HttpSettings http(RawConfig.Http raw) {
    String bind = raw == null || raw.bindAddress() == null ? "127.0.0.1" : raw.bindAddress();
    int port = raw == null || raw.port() == null ? HttpSettings.DEFAULT_PORT : raw.port();
    String managementBind =
        raw == null || raw.managementBindAddress() == null ? bind : raw.managementBindAddress();
    int managementPort =
        raw == null || raw.managementPort() == null
            ? HttpSettings.DEFAULT_MANAGEMENT_PORT
            : raw.managementPort();
    if (bind.isBlank()) {
      problems.add("http.bindAddress: must not be empty; use 0.0.0.0 in a pod, 127.0.0.1 locally");
    }
    if (managementBind.isBlank()) {
      problems.add(
          "http.managementBindAddress: must not be empty; use 0.0.0.0 in a pod (the kubelet and"
              + " Prometheus connect to the pod IP), 127.0.0.1 locally");
    }
    if (port < 0 || port > 65535) {
      problems.add("http.port: " + port + " is not a TCP port (0-65535)");
    }
    if (managementPort < 0 || managementPort > 65535) {
      problems.add("http.managementPort: " + managementPort + " is not a TCP port (0-65535)");
    } else if (managementPort != 0 && managementPort == port) {
      problems.add(
          "http.managementPort: "
              + managementPort
              + " is also http.port; probes and metrics need a port of their own (default "
              + HttpSettings.DEFAULT_MANAGEMENT_PORT
              + ")");
    }
    return new HttpSettings(bind, port, managementBind, managementPort);
  }

  private StoreSettings store(RawConfig.Store raw) {
    String url =
        raw == null || raw.jdbcUrl() == null ? "jdbc:h2:file:./data/gitlab-ops-bot" : raw.jdbcUrl();
    int pool = raw == null || raw.maxPoolSize() == null ? 5 : raw.maxPoolSize();
    String user = raw == null ? null : raw.username();
    Secret password = secret(DB_PASSWORD_ENV);
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      problems.add(
          "store.jdbcUrl: expected jdbc:h2:file:… (embedded) or jdbc:postgresql://host:5432/db");
    }
    if (url.toLowerCase(Locale.ROOT).contains("password=")) {
      problems.add(
          "store.jdbcUrl: must not contain a password; set " + DB_PASSWORD_ENV + " instead");
    }
    if (url.startsWith("jdbc:postgresql:") && (user == null || user.isBlank())) {
      problems.add(
          "store.username: required for PostgreSQL (the password comes from "
              + DB_PASSWORD_ENV
              + ")");
    }
    if (pool < 1 || pool > 50) {
      problems.add("store.maxPoolSize: " + pool + " is out of range; expected 1-50");
    }
    return new StoreSettings(url, user, password, pool);
  }

  private AccessSettings access(RawConfig.Access raw, SlackSettings.Mode mode) {
    RawConfig.Access a = raw != null ? raw : new RawConfig.Access(null, null, null, null);
    if (a.teamId() == null) {
      if (mode != SlackSettings.Mode.CONSOLE) {
        problems.add(
            "access.teamId: required when Slack is connected, so commands from any other workspace"
                + " are refused; find it in Slack under workspace settings or in auth.test");
      }
    } else {
      problems.check(TEAM_ID, a.teamId(), "access.teamId", "a Slack team ID such as T0123ABCD");
    }
    List<String> channels = a.allowedChannels() == null ? List.of() : a.allowedChannels();
    for (int i = 0; i < channels.size(); i++) {
      problems.check(
          CHANNEL_ID, channels.get(i), "access.allowedChannels[" + i + "]", channelHint());
    }
    Map<Role, AccessSettings.RoleMembers> roles = new EnumMap<>(Role.class);
    if (a.roles() != null) {
      a.roles().forEach((name, members) -> role(name, members, roles));
    }
    List<Role> cliRoles = new ArrayList<>();
    List<String> cli = a.cliRoles() == null ? List.of("viewer", "operator") : a.cliRoles();
    for (int i = 0; i < cli.size(); i++) {
      try {
        cliRoles.add(Role.fromKey(cli.get(i)));
      } catch (IllegalArgumentException e) {
        problems.add("access.cliRoles[" + i + "]: " + e.getMessage());
      }
    }
    return new AccessSettings(a.teamId(), channels, roles, cliRoles);
  }

  private void role(
      String name, RawConfig.Members members, Map<Role, AccessSettings.RoleMembers> roles) {
    Role role;
    try {
      role = Role.fromKey(name);
    } catch (IllegalArgumentException e) {
      problems.add("access.roles." + name + ": " + e.getMessage());
      return;
    }
    List<String> users = members == null || members.users() == null ? List.of() : members.users();
    List<String> groups =
        members == null || members.userGroups() == null ? List.of() : members.userGroups();
    for (int i = 0; i < users.size(); i++) {
      problems.check(
          USER_ID,
          users.get(i),
          "access.roles." + name + ".users[" + i + "]",
          "a Slack member ID such as U0123ABCD (profile → ⋮ → Copy member ID), not a name");
    }
    for (int i = 0; i < groups.size(); i++) {
      problems.check(
          GROUP_ID,
          groups.get(i),
          "access.roles." + name + ".userGroups[" + i + "]",
          "a Slack user group ID such as S0123ABCD");
    }
    roles.put(role, new AccessSettings.RoleMembers(users, groups));
  }

  private AwsSettings aws(RawConfig.Aws raw) {
    String region = raw == null || raw.region() == null ? "us-east-1" : raw.region();
    problems.check(REGION, region, "aws.region", "an AWS region such as eu-west-1");
    String endpoint = raw == null ? null : raw.endpointOverride();
    if (endpoint != null) {
      problems.checkUrl("aws.endpointOverride", endpoint, false);
    }
    return new AwsSettings(region, raw == null ? null : raw.eksClusterName(), endpoint);
  }

  private ProxySettings proxy() {
    try {
      return proxyReader.apply(env);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return ProxySettings.none();
    }
  }

  private Secret secret(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : new Secret(value.trim());
  }

  private static String channelHint() {
    return "a Slack channel ID such as C0123ABCD (channel details → bottom), not a #name";
  }
}
