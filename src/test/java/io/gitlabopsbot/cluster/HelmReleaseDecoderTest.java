package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HelmReleaseDecoderTest {

  private final HelmReleaseDecoder decoder = new HelmReleaseDecoder();

  @Test
  void decode_gzippedRecord_collectsDistinctApisInOrder() {
    HelmRelease release =
        decoder.decode(
            Fabric8HelmReleaseSecretsTest.secretData(
                Fabric8HelmReleaseSecretsTest.record(42, "deployed")));

    assertThat(release.name()).isEqualTo("gitlab");
    assertThat(release.revision()).isEqualTo(42);
    assertThat(release.status()).isEqualTo("deployed");
    assertThat(release.chart()).isEqualTo("gitlab-8.5.2");
    assertThat(release.apis())
        .containsExactly(
            new HelmRelease.ApiUse("apps/v1", "Deployment"),
            new HelmRelease.ApiUse("autoscaling/v2beta2", "HorizontalPodAutoscaler"),
            new HelmRelease.ApiUse("policy/v1", "PodDisruptionBudget"),
            new HelmRelease.ApiUse("batch/v1beta1", "CronJob"),
            new HelmRelease.ApiUse("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema"),
            new HelmRelease.ApiUse("v1", "Secret"));
  }

  @Test
  void decode_uncompressedRecord_isAccepted() {
    String json =
        "{\"name\":\"gitlab\",\"version\":3,\"info\":{\"status\":\"failed\"},"
            + "\"manifest\":\"apiVersion: batch/v1\\nkind: Job\\n\"}";

    HelmRelease release = decoder.decode(twice(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(release.status()).isEqualTo("failed");
    assertThat(release.apis()).containsExactly(new HelmRelease.ApiUse("batch/v1", "Job"));
  }

  @Test
  void decode_whenNotBase64_saysWhichLayer() {
    assertThatThrownBy(() -> decoder.decode("%%% not base64 %%%"))
        .isInstanceOf(HelmReleaseFormatException.class)
        .hasMessage("the Secret data is not base64");
  }

  @Test
  void decode_whenGzipIsCorrupt_saysSo() {
    byte[] corrupt = {(byte) 0x1f, (byte) 0x8b, 8, 0, 1, 2, 3};

    assertThatThrownBy(() -> decoder.decode(twice(corrupt)))
        .isInstanceOf(HelmReleaseFormatException.class)
        .hasMessage("the Helm payload is not valid gzip");
  }

  @Test
  void decode_whenJsonIsBroken_neverQuotesTheRecord() {
    String broken = "{\"config\":{\"password\": s3cr3t-value-123}}";

    assertThatThrownBy(() -> decoder.decode(twice(Fabric8HelmReleaseSecretsTest.gzip(broken))))
        .isInstanceOf(HelmReleaseFormatException.class)
        .hasMessageStartingWith("the Helm payload is not valid JSON (line 1, column")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain("s3cr3t"));
  }

  @Test
  void decode_whenManifestYamlIsBroken_neverQuotesIt() {
    String json = "{\"manifest\":\"kind: Secret\\ndata: {password: [hunter2-leak\\n\"}";

    assertThatThrownBy(() -> decoder.decode(twice(Fabric8HelmReleaseSecretsTest.gzip(json))))
        .isInstanceOf(HelmReleaseFormatException.class)
        .hasMessageStartingWith("the release manifest is not valid YAML")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain("hunter2"));
  }

  @Test
  void decode_whenNoManifest_saysSo() {
    assertThatThrownBy(
            () -> decoder.decode(twice(Fabric8HelmReleaseSecretsTest.gzip("{\"name\":\"x\"}"))))
        .isInstanceOf(HelmReleaseFormatException.class)
        .hasMessage("the release JSON has no manifest text");
  }

  private static String twice(byte[] payload) {
    String helm = Base64.getEncoder().encodeToString(payload);
    return Base64.getEncoder().encodeToString(helm.getBytes(StandardCharsets.US_ASCII));
  }

  private static String stackText(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append(t).append('\n');
    }
    return out.toString();
  }
}
