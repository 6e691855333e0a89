package io.gitlabopsbot.storage;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One {@link S3TestServer} and client per test class; each test takes its own bucket. Register with
 * {@code @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();}.
 */
public final class SharedS3Server implements BeforeAllCallback, AfterAllCallback {

  private S3TestServer server;
  private S3Client client;

  public S3TestServer server() {
    return server;
  }

  public S3Client client() {
    return client;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = S3TestServer.start();
    client = server.client();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    client.close();
    server.close();
  }
}
