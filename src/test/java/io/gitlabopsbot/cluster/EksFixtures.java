package io.gitlabopsbot.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;

/** EKS API answers shaped like the real service, and a client pointed at WireMock. */
final class EksFixtures {

  static final String CLUSTER = "gitlab-prod";
  // Five attempts, unlike the SDK default of three, so a test can tell our policy is applied.
  static final EksRetry FAST_RETRY = new EksRetry(5, Duration.ofMillis(1), Duration.ofMillis(5));

  private EksFixtures() {}

  static EksClient client(WireMockServer wm) {
    return EksClient.builder()
        .endpointOverride(URI.create(wm.baseUrl()))
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
        .build();
  }

  static ResponseDefinitionBuilder ok(String fixture) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body(fixture));
  }

  static ResponseDefinitionBuilder error(int status, String type, String fixture) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-ErrorType", type)
        .withBody(body(fixture));
  }

  static String body(String fixture) {
    try (InputStream in = EksFixtures.class.getResourceAsStream("/fixtures/eks/" + fixture)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + fixture);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
