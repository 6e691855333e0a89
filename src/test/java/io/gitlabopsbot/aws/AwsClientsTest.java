package io.gitlabopsbot.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.gitlabopsbot.config.AwsSettings;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.net.ForwardProxyServers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class AwsClientsTest {

  private static final String LISTING =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
        <Name>backups</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>
        <IsTruncated>false</IsTruncated>
        <Contents><Key>1700000000_2030_01_01_17.5.0_gitlab_backup.tar</Key><Size>1024</Size></Contents>
      </ListBucketResult>
      """;
  private static final StaticCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));

  @RegisterExtension final ForwardProxyServers servers = new ForwardProxyServers();
  private final WireMockServer proxy = servers.proxy();
  private final WireMockServer direct = servers.direct();

  @Test
  void s3_whenProxyConfigured_listsObjectsThroughTheProxy() {
    proxy.stubFor(listing().withHost(equalTo("s3.invalid")));
    AwsClients clients =
        new AwsClients(
            settings("http://s3.invalid"),
            new ProxySettings("http://localhost:" + proxy.port(), List.of("localhost")),
            TEST_CREDENTIALS);

    try (S3Client s3 = clients.s3()) {
      List<S3Object> objects = s3.listObjectsV2(r -> r.bucket("backups")).contents();

      assertThat(objects).extracting(S3Object::size).containsExactly(1024L);
    }
    proxy.verify(1, getRequestedFor(urlPathEqualTo("/backups")));
  }

  @Test
  void s3_whenProxyNeedsCredentials_answersTheChallengeFromTheUrl() {
    proxy.stubFor(
        listing()
            .atPriority(1)
            .withHost(equalTo("s3.invalid"))
            .withHeader("Proxy-Authorization", equalTo("Basic Ym90OnMzY3JldA==")));
    proxy.stubFor(
        get(urlPathEqualTo("/backups"))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(407)
                    .withHeader("Proxy-Authenticate", "Basic realm=\"corp\"")));
    AwsClients clients =
        new AwsClients(
            settings("http://s3.invalid"),
            new ProxySettings("http://bot:s3cret@localhost:" + proxy.port(), List.of()),
            TEST_CREDENTIALS);

    try (S3Client s3 = clients.s3()) {
      assertThat(s3.listObjectsV2(r -> r.bucket("backups")).contents()).hasSize(1);
    }
    proxy.verify(
        1, getRequestedFor(urlPathEqualTo("/backups")).withHeader("Proxy-Authorization", absent()));
  }

  @Test
  void s3_whenEndpointHostInNoProxy_goesDirect() {
    direct.stubFor(listing());
    AwsClients clients =
        new AwsClients(
            settings(direct.baseUrl()),
            new ProxySettings(
                "http://localhost:" + proxy.port(), List.of("127.0.0.0/8", "localhost")),
            TEST_CREDENTIALS);

    try (S3Client s3 = clients.s3()) {
      assertThat(s3.listObjectsV2(r -> r.bucket("backups")).contents()).hasSize(1);
    }
    direct.verify(1, getRequestedFor(urlPathEqualTo("/backups")));
    assertThat(proxy.getAllServeEvents()).isEmpty();
  }

  @Test
  void eks_usesTheConfiguredRegion() {
    AwsClients clients = new AwsClients(settings(null), ProxySettings.none(), TEST_CREDENTIALS);

    try (EksClient eks = clients.eks()) {
      assertThat(eks.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
    }
  }

  private static MappingBuilder listing() {
    return get(urlPathEqualTo("/backups"))
        .withQueryParam("list-type", equalTo("2"))
        .willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody(LISTING));
  }

  private static AwsSettings settings(String endpointOverride) {
    return new AwsSettings("eu-west-1", "gitlab-eks", endpointOverride);
  }
}
