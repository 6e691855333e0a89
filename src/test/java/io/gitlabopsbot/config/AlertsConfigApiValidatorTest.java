package io.gitlabopsbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerts.alertmanager}: the silence API's URL from YAML, its credentials from the env. */
class AlertsConfigApiValidatorTest {

  private static final String CANARY = "CANARY-am-api-token-61";

  @TempDir Path dir;

  @Test
  void url_isNormalised_andTheTokenComesFromTheEnvironment_andIsRedacted() throws IOException {
    Path file = write("alertmanager: {url: 'http://alertmanager.monitoring.svc:9093/am/'}");

    Settings settings = loader(Map.of("ALERTMANAGER_API_TOKEN", CANARY)).load(file, false);

    AlertsConfig.AlertmanagerApi api = settings.alerts().alertmanagerApi();
    assertThat(api.baseUrl()).isEqualTo(URI.create("http://alertmanager.monitoring.svc:9093/am"));
    assertThat(api.token().value()).isEqualTo(CANARY);
    assertThat(settings.secrets()).extracting(Secret::value).contains(CANARY);
    assertThat(settings.toString()).doesNotContain(CANARY);
  }

  @Test
  void withoutUrl_thereIsNoSilenceApi() throws IOException {
    assertThat(loader(Map.of()).load(write(""), false).alerts().alertmanagerApi()).isNull();
  }

  @Test
  void badUrls_andHalfBasicAuth_areNamedByKey() throws IOException {
    for (String url : new String[] {"ftp://am:9093", "http://user:pw@am:9093", "http://am/?x=1"}) {
      Path file = write("alertmanager: {url: '" + url + "'}");
      assertThatThrownBy(() -> loader(Map.of()).load(file, false))
          .as(url)
          .isInstanceOfSatisfying(
              ConfigException.class,
              e ->
                  assertThat(e.problems())
                      .anyMatch(p -> p.startsWith("alerts.alertmanager.url:"))
                      .noneMatch(p -> p.contains("pw@")));
    }
    Path file = write("alertmanager: {url: 'http://am:9093'}");
    assertThatThrownBy(() -> loader(Map.of("ALERTMANAGER_API_USER", "bot")).load(file, false))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("ALERTMANAGER_API_PASSWORD must be set together")));
  }

  private static SettingsLoader loader(Map<String, String> env) {
    return new SettingsLoader(env, io.gitlabopsbot.net.EnvironmentProxy::fromEnvironment);
  }

  private Path write(String alertsExtra) throws IOException {
    Path file = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(
        file,
        "alerts:\n  defaultChannel: C0000ALRT\n"
            + (alertsExtra.isEmpty() ? "" : "  " + alertsExtra + "\n")
            + "targets:\n  list:\n"
            + "    - {name: gl, namespace: gl, helmRelease: gl, backupBucket: gl-backups}\n");
    return file;
  }
}
