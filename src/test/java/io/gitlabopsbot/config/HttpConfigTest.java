package io.gitlabopsbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.net.EnvironmentProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} section (two listeners) and the webhook secrets the public one relies on. */
class HttpConfigTest {

  private static final String TARGETS =
      "targets:\n  list:\n    - {name: gl, namespace: gl, helmRelease: gl, backupBucket: gl-backups}\n";
  private static final String SHORT_TOKEN = "CANARY-short-token-0123456789"; // 29 characters
  private static final String LONG_TOKEN = "CANARY-long-token-0123456789abcd"; // 32 characters

  @TempDir Path dir;

  @Test
  void http_whenManagementKeysAreMissing_usesPort9090OnThePublicBindAddress() throws IOException {
    HttpSettings http = load("http: {bindAddress: 0.0.0.0, port: 8080}\n", Map.of()).http();

    assertThat(http.managementPort()).isEqualTo(9090);
    assertThat(http.managementBindAddress()).isEqualTo("0.0.0.0");
  }

  @Test
  void http_readsManagementBindAddressAndPort() throws IOException {
    HttpSettings http =
        load("http: {managementBindAddress: 127.0.0.1, managementPort: 9191}\n", Map.of()).http();

    assertThat(http.managementBindAddress()).isEqualTo("127.0.0.1");
    assertThat(http.managementPort()).isEqualTo(9191);
    assertThat(http.port()).isEqualTo(8080);
  }

  @Test
  void http_whenManagementPortIsThePublicPort_namesTheKey() throws IOException {
    Path file = write("http: {port: 8080, managementPort: 8080}\n");

    assertThatThrownBy(() -> loader(Map.of()).load(file, false))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("http.managementPort: 8080 is also http.port")));
  }

  @Test
  void http_whenManagementValuesAreWrong_namesEachKey() throws IOException {
    Path file = write("http: {managementBindAddress: ' ', managementPort: 70000}\n");

    assertThatThrownBy(() -> loader(Map.of()).load(file, false))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("http.managementBindAddress:"))
                    .anyMatch(p -> p.startsWith("http.managementPort: 70000")));
  }

  @Test
  void webhookToken_whenShorterThan32Characters_isRefusedByNameWithoutItsValue()
      throws IOException {
    Path file = write("");

    assertThatThrownBy(
            () -> loader(Map.of("ALERTMANAGER_WEBHOOK_TOKEN", SHORT_TOKEN)).load(file, false))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("ALERTMANAGER_WEBHOOK_TOKEN: shorter than 32")))
        .hasMessageNotContaining(SHORT_TOKEN)
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void webhookPassword_whenShorterThan32Characters_isRefusedByNameWithoutItsValue()
      throws IOException {
    Path file = write("");
    Map<String, String> env =
        Map.of(
            "ALERTMANAGER_WEBHOOK_USER",
            "alertmanager",
            "ALERTMANAGER_WEBHOOK_PASSWORD",
            SHORT_TOKEN);

    assertThatThrownBy(() -> loader(env).load(file, false))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("ALERTMANAGER_WEBHOOK_PASSWORD: shorter than 32")))
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void webhookToken_of32Characters_isAccepted() throws IOException {
    Settings settings = load("", Map.of("ALERTMANAGER_WEBHOOK_TOKEN", LONG_TOKEN));

    assertThat(settings.alerts().webhookToken().value()).isEqualTo(LONG_TOKEN);
  }

  private Settings load(String yaml, Map<String, String> env) throws IOException {
    return loader(env).load(write(yaml), false);
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(file, yaml + TARGETS);
    return file;
  }

  private static SettingsLoader loader(Map<String, String> env) {
    return new SettingsLoader(env, EnvironmentProxy::fromEnvironment);
  }
}
