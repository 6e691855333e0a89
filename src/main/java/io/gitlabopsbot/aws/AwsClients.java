package io.gitlabopsbot.aws;

import io.gitlabopsbot.config.AwsSettings;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.net.ProxyEndpoint;
import io.gitlabopsbot.net.ProxySettingsSelector;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds AWS SDK clients with our proxy rules (the SDK's own reading of system properties and the
 * environment is switched off), bounded timeouts and the default credentials chain (IRSA or Pod
 * Identity in the cluster).
 *
 * <p>The Apache client matches non-proxy hosts by regular expression; our {@code NO_PROXY} entries
 * are translated, except CIDR ranges, which only take effect when the endpoint override is an IP
 * literal (checked here before any proxy is configured).
 */
public final class AwsClients {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
  static final Duration API_CALL_TIMEOUT = Duration.ofMinutes(2);
  static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

  private final AwsSettings settings;
  private final ProxySettings proxy;
  private final AwsCredentialsProvider credentials;

  /** Clients using the default credentials chain. */
  public AwsClients(AwsSettings settings, ProxySettings proxy) {
    this(settings, proxy, DefaultCredentialsProvider.builder().build());
  }

  public AwsClients(AwsSettings settings, ProxySettings proxy, AwsCredentialsProvider credentials) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    if (settings.region() == null || settings.region().isBlank()) {
      throw new IllegalArgumentException("aws.region is not set; set it, e.g. to eu-west-1");
    }
    endpointOverride()
        .filter(uri -> uri.getScheme() == null || uri.getHost() == null)
        .ifPresent(
            uri -> {
              throw new IllegalArgumentException(
                  "aws.endpointOverride "
                      + uri
                      + " must be a URL with scheme and host, e.g. http://minio.storage:9000");
            });
  }

  /** S3, or an S3-compatible server with path-style addressing when an endpoint override is set. */
  public S3Client s3() {
    var builder =
        S3Client.builder()
            .httpClientBuilder(httpClient())
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .overrideConfiguration(timeouts());
    if (endpointOverride().isPresent()) {
      // S3-compatible servers rarely do virtual-hosted buckets; path style works everywhere.
      builder.endpointOverride(endpointOverride().get()).forcePathStyle(true);
    }
    return builder.build();
  }

  /** EKS, always at AWS: the endpoint override is for S3-compatible storage only. */
  public EksClient eks() {
    return EksClient.builder()
        .httpClientBuilder(httpClient())
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .overrideConfiguration(timeouts())
        .build();
  }

  private ApacheHttpClient.Builder httpClient() {
    return ApacheHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .connectionAcquisitionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .proxyConfiguration(proxyConfiguration());
  }

  private ProxyConfiguration proxyConfiguration() {
    ProxySettingsSelector selector = new ProxySettingsSelector(proxy);
    ProxyConfiguration.Builder config =
        ProxyConfiguration.builder()
            .useSystemPropertyValues(false)
            .useEnvironmentVariableValues(false);
    Optional<ProxyEndpoint> endpoint =
        endpointOverride().isPresent()
            ? selector.proxyFor(endpointOverride().get().getHost())
            : selector.endpoint().filter(e -> !selector.noProxy().matchesAll());
    if (endpoint.isEmpty()) {
      return config.build();
    }
    config
        .endpoint(URI.create("http://" + hostForUri(endpoint.get()) + ":" + endpoint.get().port()))
        .nonProxyHosts(new HashSet<>(selector.noProxy().hostRegexes()));
    if (endpoint.get().hasCredentials()) {
      config.username(endpoint.get().username()).password(endpoint.get().password().value());
    }
    return config.build();
  }

  private static String hostForUri(ProxyEndpoint endpoint) {
    return endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
  }

  private Optional<URI> endpointOverride() {
    String override = settings.endpointOverride();
    return override == null || override.isBlank()
        ? Optional.empty()
        : Optional.of(URI.create(override.trim()));
  }

  private static ClientOverrideConfiguration timeouts() {
    return ClientOverrideConfiguration.builder()
        .apiCallTimeout(API_CALL_TIMEOUT)
        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
        .build();
  }
}
