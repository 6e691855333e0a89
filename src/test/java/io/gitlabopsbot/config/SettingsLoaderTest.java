package io.gitlabopsbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

  private static final String CANARY_BOT = "xoxb-CANARY-bot-token-0001";
  private static final String CANARY_APP = "xapp-CANARY-app-token-0002";

  @TempDir Path dir;

  @Test
  void load_withoutFileOrSlackTokens_usesEmbeddedDefaultsInConsoleMode() {
    Settings settings = loader(Map.of()).load(null, false);

    assertThat(settings.slack().mode()).isEqualTo(SlackSettings.Mode.CONSOLE);
    assertThat(settings.store().jdbcUrl()).startsWith("jdbc:h2:file:");
    assertThat(settings.targets()).containsKey(settings.defaultTarget());
    assertThat(settings.access().cliRoles()).containsExactly(Role.VIEWER, Role.OPERATOR);
    assertThat(settings.dryRun()).isFalse();
  }

  @Test
  void load_exampleConfigWithSocketTokens_isValid() {
    Map<String, String> env = Map.of("SLACK_BOT_TOKEN", CANARY_BOT, "SLACK_APP_TOKEN", CANARY_APP);

    Settings settings = loader(env).load(Path.of("config.example.yaml"), false);

    assertThat(settings.slack().mode()).isEqualTo(SlackSettings.Mode.SOCKET);
    assertThat(settings.slack().botToken().value()).isEqualTo(CANARY_BOT);
    assertThat(settings.access().teamId()).isEqualTo("T0123456789");
    assertThat(settings.access().roles().get(Role.OPERATOR).users()).containsExactly("U0123456789");
    assertThat(settings.targets()).containsOnlyKeys("production", "staging");
    assertThat(settings.defaultTarget()).isEqualTo("production");
    assertThat(settings.target("staging").namespace()).isEqualTo("gitlab-staging");
    assertThat(settings.toString()).doesNotContain(CANARY_BOT).doesNotContain(CANARY_APP);
  }

  @Test
  void load_exampleConfig_readsTheBackupSection() {
    Map<String, String> env = Map.of("SLACK_BOT_TOKEN", CANARY_BOT, "SLACK_APP_TOKEN", CANARY_APP);

    BackupConfig backup = loader(env).load(Path.of("config.example.yaml"), false).backup();

    assertThat(backup.s3Tool()).isEqualTo("awscli");
    assertThat(backup.activeDeadline()).isEqualTo(java.time.Duration.ofHours(6));
    assertThat(backup.keepLast()).isEqualTo(14);
    assertThat(backup.maxAge()).isEqualTo(java.time.Duration.ofDays(30));
    assertThat(backup.missedDeadline()).isEqualTo(java.time.Duration.ofHours(3));
  }

  @Test
  void load_badBackupValues_areNamedByKey() throws IOException {
    Path file =
        write(
            "backup: {s3Tool: rsync, maximumBackups: -1, activeDeadline: forever,"
                + " retention: {keepLast: 0, maxAge: 2w}}\n"
                + minimalTargets());

    assertThatThrownBy(() -> loader(Map.of()).load(file, false))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("backup.s3Tool:"))
                    .anyMatch(p -> p.startsWith("backup.maximumBackups:"))
                    .anyMatch(p -> p.startsWith("backup.activeDeadline: `forever`"))
                    .anyMatch(p -> p.startsWith("backup.retention.keepLast:"))
                    .anyMatch(p -> p.startsWith("backup.retention.maxAge: `2w`")));
  }

  @Test
  void load_alertsSection_readsRoutesMutesTopicsAndWatchdog() throws IOException {
    Path file =
        write(
            """
            alerts:
              defaultChannel: C0000ALRT
              routes:
                - {match: ['severity="critical"'], channel: C0000CRIT, continue: true}
              mutes:
                - {name: staging, match: ['env="staging"']}
              sns: {allowedTopicArns: ['arn:aws:sns:eu-west-1:111122223333:gitlab-alarms']}
              watchdog: {expectEvery: 10m}
            """
                + minimalTargets());

    AlertsConfig alerts =
        loader(Map.of("ALERTMANAGER_WEBHOOK_TOKEN", "CANARY-am-webhook-token-0123456789abcdef"))
            .load(file, false)
            .alerts();

    assertThat(alerts.enabled()).isTrue();
    assertThat(alerts.routes().get(0).continueMatching()).isTrue();
    assertThat(alerts.mutes().get(0).name()).isEqualTo("staging");
    assertThat(alerts.snsTopicArns()).hasSize(1);
    assertThat(alerts.watchdogAlertName()).isEqualTo("Watchdog");
    assertThat(alerts.watchdogEvery()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(alerts.webhookToken().value()).isEqualTo("CANARY-am-webhook-token-0123456789abcdef");
  }

  @Test
  void load_badAlertsSection_isNamedByKey() throws IOException {
    Path file =
        write(
            "alerts: {routes: [{channel: general}], sns: {allowedTopicArns: [my-topic]},"
                + " watchdog: {expectEvery: often}}\n"
                + minimalTargets());

    assertThatThrownBy(() -> loader(Map.of("ALERTMANAGER_WEBHOOK_USER", "am")).load(file, false))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("alerts.routes[0].channel:"))
                    .anyMatch(p -> p.startsWith("alerts.sns.allowedTopicArns[0]:"))
                    .anyMatch(p -> p.startsWith("alerts.watchdog.expectEvery:"))
                    .anyMatch(p -> p.startsWith("alerts.watchdog: needs alerts.defaultChannel"))
                    .anyMatch(p -> p.contains("must be set together")));
  }

  @Test
  void load_withoutBackupSection_usesSafeDefaults() {
    BackupConfig backup = loader(Map.of()).load(null, false).backup();

    assertThat(backup).isEqualTo(BackupConfig.defaults());
    assertThat(backup.keepLast()).isNull();
    assertThat(backup.maxAge()).isNull();
  }

  @Test
  void load_configFromEnvironmentVariable_isUsedWhenNoFlag() throws IOException {
    Path file =
        write(
            "targets:\n  list:\n    - {name: only, namespace: gl, helmRelease: gl, backupBucket: gl-backups}\n");

    Settings settings =
        loader(Map.of(SettingsLoader.CONFIG_ENV, file.toString())).load(null, false);

    assertThat(settings.defaultTarget()).isEqualTo("only");
    assertThat(settings.target(null).railsSecretName()).isEqualTo("gl-rails-secret");
    assertThat(settings.target(null).toolboxSelector()).isEqualTo("app=toolbox");
  }

  @Test
  void load_dryRunFlag_switchesDryRunOn() {
    assertThat(loader(Map.of()).load(null, true).dryRun()).isTrue();
  }

  @Test
  void load_whenSecretIsInYaml_isRefusedNamingTheEnvironmentVariable() throws IOException {
    Path file = write("slack:\n  botToken: xoxb-should-not-be-here\n");

    assertThatThrownBy(() -> loader(Map.of()).load(file, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("`slack.botToken` looks like a secret")
        .hasMessageContaining("SLACK_BOT_TOKEN")
        .hasMessageNotContaining("xoxb-should-not-be-here");
  }

  @Test
  void load_whenKeyIsUnknown_namesItAndTheKnownKeys() throws IOException {
    Path file = write("http:\n  prot: 8080\n");

    assertThatThrownBy(() -> loader(Map.of()).load(file, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key `http.prot`")
        .hasMessageContaining("bindAddress, managementBindAddress, managementPort, port");
  }

  @Test
  void load_whenYamlIsBroken_saysWhereItBroke() throws IOException {
    Path file = write("slack:\n  mode: [socket\n");

    assertThatThrownBy(() -> loader(Map.of()).load(file, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line");
  }

  @Test
  void load_whenFileIsMissing_saysSo() {
    assertThatThrownBy(() -> loader(Map.of()).load(dir.resolve("nope.yaml"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("file not found");
  }

  @Test
  void load_whenValuesAreWrong_listsEveryProblemByKey() throws IOException {
    Path file =
        write(
            """
            slack: {mode: carrier-pigeon, slashCommand: gitlab, notificationChannel: "#ops"}
            http: {port: 70000}
            store: {jdbcUrl: "jdbc:mysql://db/x", maxPoolSize: 0}
            access:
              teamId: acme
              allowedChannels: [general]
              roles:
                operator: {users: [bob], userGroups: [sre]}
                superuser: {users: [U0123456789]}
              cliRoles: [root]
            targets:
              default: prod
              list:
                - {name: Prod_1, namespace: "Bad NS", helmRelease: gitlab, toolboxSelector: "app in (toolbox)", backupBucket: B}
                - {name: dup, namespace: gl, helmRelease: gl, backupBucket: gl-backups}
                - {name: dup, namespace: gl, helmRelease: gl, backupBucket: gl-backups}
            aws: {region: mars-1}
            """);

    assertThatThrownBy(() -> loader(Map.of()).load(file, false))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("slack.mode: `carrier-pigeon`"))
                    .anyMatch(p -> p.startsWith("slack.slashCommand:"))
                    .anyMatch(
                        p -> p.startsWith("slack.notificationChannel:") && p.contains("channel ID"))
                    .anyMatch(p -> p.startsWith("http.port: 70000"))
                    .anyMatch(p -> p.startsWith("store.jdbcUrl:"))
                    .anyMatch(p -> p.startsWith("store.maxPoolSize:"))
                    .anyMatch(p -> p.startsWith("access.teamId:"))
                    .anyMatch(p -> p.startsWith("access.allowedChannels[0]:"))
                    .anyMatch(
                        p ->
                            p.startsWith("access.roles.operator.users[0]: `bob`")
                                && p.contains("member ID"))
                    .anyMatch(p -> p.startsWith("access.roles.operator.userGroups[0]:"))
                    .anyMatch(p -> p.startsWith("access.roles.superuser:"))
                    .anyMatch(p -> p.startsWith("access.cliRoles[0]:"))
                    .anyMatch(p -> p.startsWith("targets.list[0].name:"))
                    .anyMatch(p -> p.startsWith("targets.list[0].namespace:"))
                    .anyMatch(
                        p ->
                            p.startsWith("targets.list[0].toolboxSelector:")
                                && p.contains("set-based"))
                    .anyMatch(p -> p.startsWith("targets.list[0].backupBucket:"))
                    .anyMatch(p -> p.startsWith("targets.list[2].name: `dup` is used"))
                    .anyMatch(p -> p.startsWith("targets.default: `prod` is not a target"))
                    .anyMatch(p -> p.startsWith("aws.region:")));
  }

  @Test
  void load_whenSocketModeLacksAppToken_namesTheVariable() {
    assertThatThrownBy(
            () ->
                loader(Map.of("SLACK_BOT_TOKEN", CANARY_BOT))
                    .load(Path.of("config.example.yaml"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLACK_APP_TOKEN is not set")
        .hasMessageNotContaining(CANARY_BOT);
  }

  @Test
  void load_whenHttpModeLacksSigningSecret_namesTheVariable() throws IOException {
    Path file = write("slack: {mode: http}\naccess: {teamId: T0123456789}\n" + minimalTargets());

    assertThatThrownBy(() -> loader(Map.of("SLACK_BOT_TOKEN", CANARY_BOT)).load(file, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLACK_SIGNING_SECRET is not set");
  }

  @Test
  void load_whenSlackIsConnectedWithoutTeamId_isRefused() throws IOException {
    Path file = write("slack: {mode: socket}\n" + minimalTargets());
    Map<String, String> env = Map.of("SLACK_BOT_TOKEN", CANARY_BOT, "SLACK_APP_TOKEN", CANARY_APP);

    assertThatThrownBy(() -> loader(env).load(file, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("access.teamId: required when Slack is connected");
  }

  @Test
  void load_whenTokensAreSwapped_saysWhichLooksWrongWithoutPrintingIt() throws IOException {
    Path file = write("access: {teamId: T0123456789}\n" + minimalTargets());
    Map<String, String> env = Map.of("SLACK_BOT_TOKEN", CANARY_APP, "SLACK_APP_TOKEN", CANARY_BOT);

    assertThatThrownBy(() -> loader(env).load(file, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLACK_BOT_TOKEN does not look like a bot token")
        .hasMessageContaining("SLACK_APP_TOKEN does not look like an app-level token")
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void load_whenJdbcUrlCarriesAPassword_isRefused() throws IOException {
    Path file =
        write(
            "store: {jdbcUrl: 'jdbc:postgresql://db/x?password=CANARY', username: bot}\n"
                + minimalTargets());

    assertThatThrownBy(() -> loader(Map.of()).load(file, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GITLAB_OPS_BOT_DB_PASSWORD");
  }

  @Test
  void load_withSeveralTargetsAndNoDefault_asksForOne() throws IOException {
    Path file =
        write(
            "targets:\n  list:\n"
                + "    - {name: a, namespace: a, helmRelease: a, backupBucket: a-backups}\n"
                + "    - {name: b, namespace: b, helmRelease: b, backupBucket: b-backups}\n");

    assertThatThrownBy(() -> loader(Map.of()).load(file, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("targets.default: required when there is more than one target");
  }

  @Test
  void load_proxyFromEnvironment_isReadAndItsPasswordNeverShown() {
    Settings settings =
        loader(
                Map.of(
                    "HTTPS_PROXY",
                    "http://bot:CANARY-proxy-pw@proxy.corp:3128",
                    "NO_PROXY",
                    ".svc,10.0.0.1"))
            .load(null, false);

    assertThat(settings.proxy().httpsProxy())
        .isEqualTo("http://bot:CANARY-proxy-pw@proxy.corp:3128");
    assertThat(settings.proxy().noProxy()).containsExactly(".svc", "10.0.0.1");
    assertThat(settings.toString()).doesNotContain("CANARY-proxy-pw");
    assertThat(settings.secrets()).extracting(Secret::value).contains("CANARY-proxy-pw");
  }

  @Test
  void load_badProxyVariable_isAProblemThatNamesTheVariable() {
    assertThatThrownBy(
            () -> loader(Map.of("HTTPS_PROXY", "ftp://u:CANARY-pw@proxy:99999")).load(null, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HTTPS_PROXY")
        .hasMessageNotContaining("CANARY-pw");
  }

  private static SettingsLoader loader(Map<String, String> env) {
    return new SettingsLoader(env, io.gitlabopsbot.net.EnvironmentProxy::fromEnvironment);
  }

  private static String minimalTargets() {
    return "targets:\n  list:\n    - {name: gl, namespace: gl, helmRelease: gl, backupBucket: gl-backups}\n";
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
