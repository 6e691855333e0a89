package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: {@code run}, {@code check-config}, exit codes, and what they print. */
class MainTest {

  @TempDir Path dir;
  private Path config;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeConfig() throws IOException {
    config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        store: {jdbcUrl: "jdbc:h2:file:%s/store"}
        access: {cliRoles: [viewer, operator]}
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
        """
            .formatted(dir.toAbsolutePath()));
  }

  @Test
  void run_help_printsEveryCommandAsTextAndExitsZero() {
    int code = main("run", "--config", config.toString(), "help");

    assertThat(code).isZero();
    assertThat(stdout())
        .contains("GITLAB-OPS-BOT COMMANDS")
        .contains("/gitlab audit [n]")
        .contains("/gitlab status")
        .contains("/gitlab backup now")
        .contains("Your roles: operator, viewer");
  }

  @Test
  void run_commandWordsMayBeSeparateArguments_andEveryRunIsAudited() {
    main("run", "--config", config.toString(), "whoami");
    out.reset();

    int code = main("run", "--config", config.toString(), "audit", "5");

    assertThat(code).isZero();
    assertThat(stdout()).contains("AUDIT LOG").contains("cli:alice").contains("whoami");
  }

  @Test
  void commandText_keepsWordsWithSpacesTogetherAndTakesOneArgumentAsTyped() {
    assertThat(Main.commandText(List.of("backup", "schedule", "set", "0 2 * * *", "--tz", "UTC")))
        .isEqualTo("backup schedule set \"0 2 * * *\" --tz UTC");
    assertThat(Main.commandText(List.of("audit", "say \"hi\"")))
        .isEqualTo("audit \"say \\\"hi\\\"\"");
    assertThat(Main.commandText(List.of("backup list 5"))).isEqualTo("backup list 5");
  }

  @Test
  void run_wholeCommandAsOneArgument_works() {
    assertThat(main("run", "--config", config.toString(), "audit 5")).isZero();
    assertThat(stdout()).contains("AUDIT LOG");
  }

  @Test
  void run_unknownCommand_exitsWithInvalidAndSaysWhy() {
    int code = main("run", "--config", config.toString(), "bakup", "now");

    assertThat(code).isEqualTo(Main.EXIT_INVALID);
    assertThat(stdout()).contains("unknown command `bakup`").contains("help");
  }

  @Test
  void run_withoutTheRole_exitsWithDenied() throws IOException {
    Files.writeString(config, Files.readString(config).replace("[viewer, operator]", "[viewer]"));

    int code = main("run", "--config", config.toString(), "audit");

    assertThat(code).isEqualTo(Main.EXIT_DENIED);
    assertThat(stdout()).contains("access.cliRoles");
  }

  @Test
  void help_listsEveryExitCode() {
    assertThat(main("--help")).isZero();

    assertThat(stdout())
        .contains("Exit codes")
        .contains("1   failed")
        .contains("5   refused: nothing was done");
  }

  @Test
  void checkConfig_validFile_printsASummaryWithoutSecrets() {
    int code =
        Main.execute(
            new String[] {"check-config", "--config", config.toString(), "--dry-run"},
            Map.of("HTTPS_PROXY", "http://u:CANARY-proxy@proxy:3128"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isZero();
    assertThat(stdout())
        .contains("Configuration OK")
        .contains("slack.mode: console")
        .contains("dryRun: true")
        .contains("proxy: set")
        .doesNotContain("CANARY");
  }

  @Test
  void checkConfig_badFile_listsTheProblemsAndExitsTwo() throws IOException {
    Files.writeString(config, "http: {port: -1}\n");

    int code = main("check-config", "--config", config.toString());

    assertThat(code).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("http.port: -1 is not a TCP port")
        .contains("targets.list: at least one GitLab target is required");
  }

  @Test
  void run_badConfig_exitsTwoWithoutRunning() throws IOException {
    Files.writeString(config, "nonsense: true\n");

    assertThat(main("run", "--config", config.toString(), "help")).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown key `nonsense`");
  }

  private int main(String... args) {
    return Main.execute(
        args,
        Map.of("USER", "alice"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
