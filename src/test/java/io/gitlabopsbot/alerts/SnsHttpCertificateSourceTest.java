package io.gitlabopsbot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.gitlabopsbot.alerts.SnsCertificateSource.CertificateUnavailableException;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.net.ForwardProxyServers;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnsHttpCertificateSourceTest {

  private static final SnsTestSigner SNS = new SnsTestSigner();

  @RegisterExtension final ForwardProxyServers servers = new ForwardProxyServers();

  private SnsHttpCertificateSource directSource(int maxCached) {
    return new SnsHttpCertificateSource(
        SnsHttpClients.create(ProxySettings.none()), Duration.ofSeconds(5), maxCached);
  }

  private URI direct(String path) {
    return URI.create("http://localhost:" + servers.direct().port() + path);
  }

  @Test
  void certificate_isDownloadedOnce_thenServedFromTheCache() {
    WireMockServer sns = servers.direct();
    sns.stubFor(get("/cert.pem").willReturn(aResponse().withBody(pem())));
    SnsHttpCertificateSource source = directSource(4);

    assertThat(source.certificate(direct("/cert.pem"))).isEqualTo(SNS.certificate());
    assertThat(source.certificate(direct("/cert.pem"))).isEqualTo(SNS.certificate());
    sns.verify(1, getRequestedFor(urlEqualTo("/cert.pem")));
  }

  @Test
  void certificate_cacheIsBounded_leastRecentlyUsedGoesFirst() {
    WireMockServer sns = servers.direct();
    for (String name : List.of("/a.pem", "/b.pem", "/c.pem")) {
      sns.stubFor(get(name).willReturn(aResponse().withBody(pem())));
    }
    SnsHttpCertificateSource source = directSource(2);

    source.certificate(direct("/a.pem"));
    source.certificate(direct("/b.pem"));
    source.certificate(direct("/a.pem")); // a is now the most recently used
    source.certificate(direct("/c.pem")); // evicts b
    source.certificate(direct("/a.pem"));
    source.certificate(direct("/b.pem"));

    sns.verify(1, getRequestedFor(urlEqualTo("/a.pem")));
    sns.verify(2, getRequestedFor(urlEqualTo("/b.pem")));
  }

  @Test
  void certificate_isFetchedThroughTheConfiguredProxy() {
    servers
        .proxy()
        .stubFor(
            get("/cert.pem")
                .withHost(equalTo("sns.example.test"))
                .willReturn(aResponse().withBody(pem())));
    var source =
        new SnsHttpCertificateSource(
            SnsHttpClients.create(
                new ProxySettings("http://localhost:" + servers.proxy().port(), List.of())),
            Duration.ofSeconds(5),
            4);

    assertThat(source.certificate(URI.create("http://sns.example.test/cert.pem")))
        .isEqualTo(SNS.certificate());
  }

  @Test
  void certificate_whenNotFound_isUnavailable() {
    servers.direct().stubFor(get("/gone.pem").willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> directSource(4).certificate(direct("/gone.pem")))
        .isInstanceOf(CertificateUnavailableException.class)
        .hasMessageContaining("answered HTTP 404")
        .hasMessageContaining("check egress to Amazon SNS");
  }

  @Test
  void certificate_redirectIsNotFollowed() {
    servers
        .direct()
        .stubFor(
            get("/moved.pem")
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/cert.pem")));
    servers.direct().stubFor(get("/cert.pem").willReturn(aResponse().withBody(pem())));

    assertThatThrownBy(() -> directSource(4).certificate(direct("/moved.pem")))
        .isInstanceOf(CertificateUnavailableException.class)
        .hasMessageContaining("answered HTTP 302");
    servers.direct().verify(0, getRequestedFor(urlEqualTo("/cert.pem")));
  }

  @Test
  void certificate_whenLargerThanTheLimit_isRefused() {
    String huge = "A".repeat(SnsHttpCertificateSource.MAX_CERTIFICATE_BYTES + 1);
    servers.direct().stubFor(get("/huge.pem").willReturn(aResponse().withBody(huge)));

    assertThatThrownBy(() -> directSource(4).certificate(direct("/huge.pem")))
        .isInstanceOf(CertificateUnavailableException.class)
        .hasMessageContaining("more than 65536 bytes");
  }

  @Test
  void certificate_whenNotACertificate_isUnavailable() {
    servers.direct().stubFor(get("/junk.pem").willReturn(aResponse().withBody("<html>hi</html>")));

    assertThatThrownBy(() -> directSource(4).certificate(direct("/junk.pem")))
        .isInstanceOf(CertificateUnavailableException.class)
        .hasMessageContaining("did not hold an X.509 certificate");
  }

  @Test
  void certificate_whenServerUnreachable_isUnavailable() {
    URI closed = direct("/cert.pem");
    servers.direct().stop();

    assertThatThrownBy(() -> directSource(4).certificate(closed))
        .isInstanceOf(CertificateUnavailableException.class)
        .hasMessageContaining("could not be reached");
  }

  private static String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'})
              .encodeToString(SNS.certificate().getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
