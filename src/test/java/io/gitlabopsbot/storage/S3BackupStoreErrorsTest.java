package io.gitlabopsbot.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Error answers S3Proxy does not produce on demand, served by WireMock as S3 would. */
class S3BackupStoreErrorsTest {

  private static final String KEY = "1795568403_2026_11_25_17.5.2_gitlab_backup.tar";

  private final WireMockServer s3 = new WireMockServer(options().dynamicPort());
  private S3Client client;
  private S3BackupStore store;

  @BeforeEach
  void start() {
    s3.start();
    client = S3TestServer.clientFor(s3.baseUrl(), "AKIDTEST", "secret-for-wiremock");
    store = new S3BackupStore(client);
  }

  @AfterEach
  void stop() {
    client.close();
    s3.stop();
  }

  @Test
  void list_whenAccessDenied_namesListBucketOnTheBucket() {
    s3.stubFor(get(urlPathEqualTo("/backups")).willReturn(error(403, "AccessDenied")));

    assertThatThrownBy(() -> store.list("backups"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("AccessDenied")
        .hasMessageContaining("s3:ListBucket on arn:aws:s3:::backups")
        .hasMessageNotContaining("secret-for-wiremock");
  }

  @Test
  void readRange_whenAccessDenied_namesGetObject() {
    s3.stubFor(get(urlPathEqualTo("/backups/" + KEY)).willReturn(error(403, "AccessDenied")));

    assertThatThrownBy(() -> store.readRange("backups", KEY, 0, 512))
        .hasMessageContaining("s3://backups/" + KEY)
        .hasMessageContaining("s3:GetObject on arn:aws:s3:::backups/*");
  }

  @Test
  void head_whenForbiddenWithoutBody_namesGetObject() {
    s3.stubFor(head(urlPathEqualTo("/backups/" + KEY)).willReturn(aResponse().withStatus(403)));

    assertThatThrownBy(() -> store.head("backups", KEY))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("s3:GetObject");
  }

  @Test
  void delete_whenAccessDenied_namesDeleteObject() {
    s3.stubFor(delete(urlPathEqualTo("/backups/" + KEY)).willReturn(error(403, "AccessDenied")));

    assertThatThrownBy(() -> store.delete("backups", KEY))
        .hasMessageContaining("s3:DeleteObject on arn:aws:s3:::backups/*");
  }

  @Test
  void list_whenS3KeepsFailing_saysToTryAgainLater() {
    s3.stubFor(any(anyUrl()).willReturn(error(500, "InternalError")));

    assertThatThrownBy(() -> store.list("backups"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("InternalError (HTTP 500)")
        .hasMessageContaining("try again")
        .satisfies(e -> assertThat(((StorageException) e).errorCode()).isEqualTo("InternalError"));
  }

  @Test
  void readRange_whenServerIgnoresTheRange_refusesTheWrongBytes() {
    s3.stubFor(
        get(urlPathEqualTo("/backups/" + KEY))
            .willReturn(aResponse().withStatus(200).withBody(new byte[2048])));

    assertThatThrownBy(() -> store.readRange("backups", KEY, 1024, 512))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("ignored the byte range");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String code) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml")
        .withBody(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>test</Message><RequestId>r1</RequestId></Error>");
  }
}
