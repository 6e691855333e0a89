package io.gitlabopsbot.storage;

import io.gitlabopsbot.aws.AwsClients;
import io.gitlabopsbot.config.AwsSettings;
import io.gitlabopsbot.config.ProxySettings;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 protocol peer for tests: S3Proxy with an in-memory store on a free loopback port,
 * checking SigV4 signatures. Clients are built by our own {@link AwsClients}.
 */
public final class S3TestServer implements AutoCloseable {

  public static final String ACCESS_KEY = "AKIDBACKUPTEST";
  public static final String SECRET_KEY = "backup-test-secret";

  private final S3Proxy proxy;
  private final S3Client admin;

  private S3TestServer(S3Proxy proxy) {
    this.proxy = proxy;
    this.admin = client(ACCESS_KEY, SECRET_KEY);
  }

  /** Starts a server; close it after the tests. */
  public static S3TestServer start() {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            // Open keep-alive connections would otherwise hold a graceful stop for seconds.
            .stopTimeout(100)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start: " + e.getMessage(), e);
    }
    return new S3TestServer(proxy);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** A client with the server's credentials. */
  public S3Client client() {
    return client(ACCESS_KEY, SECRET_KEY);
  }

  /** A client signing with other credentials. */
  public S3Client client(String accessKey, String secretKey) {
    return clientFor(endpoint(), accessKey, secretKey);
  }

  /** A client for any endpoint, built like the bot builds its own. */
  public static S3Client clientFor(String endpoint, String accessKey, String secretKey) {
    return new AwsClients(
            new AwsSettings("eu-west-1", "test-cluster", endpoint),
            new ProxySettings(null, List.of()),
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .s3();
  }

  /** Creates a bucket with a random name and returns the name. */
  public String newBucket() {
    String bucket = "backups-" + UUID.randomUUID().toString().substring(0, 8);
    admin.createBucket(r -> r.bucket(bucket));
    return bucket;
  }

  public void put(String bucket, String key, byte[] content) {
    admin.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
  }

  public boolean exists(String bucket, String key) {
    return admin.listObjectsV2(r -> r.bucket(bucket).prefix(key)).contents().stream()
        .anyMatch(o -> o.key().equals(key));
  }

  @Override
  public void close() {
    admin.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop: " + e.getMessage(), e);
    }
  }
}
