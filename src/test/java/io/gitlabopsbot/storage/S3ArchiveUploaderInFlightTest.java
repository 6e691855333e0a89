package io.gitlabopsbot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** Parts sent on several threads: how many are in memory, and what one failed part does. */
class S3ArchiveUploaderInFlightTest {

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();

  private static final int PART = S3ArchiveUploader.MIN_PART_SIZE;

  private final PartGate gate = new PartGate();
  private S3Client client;
  private String bucket;

  @BeforeEach
  void bucket() {
    client =
        S3Client.builder()
            .endpointOverride(URI.create(s3.server().endpoint()))
            .forcePathStyle(true)
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
            .overrideConfiguration(c -> c.addExecutionInterceptor(gate))
            .build();
    bucket = "fly-" + UUID.randomUUID().toString().substring(0, 8);
    client.createBucket(r -> r.bucket(bucket));
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void upload_withTwoPartsInFlight_sendsTwoAtOnceAndReadsNoFurtherAhead() {
    byte[] archive = bytes(5 * PART + 99);
    gate.holdUntilConcurrent = 2;
    gate.lastPart = 6;
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong furthestAhead = new AtomicLong();
    InputStream source =
        new Counting(new ByteArrayInputStream(archive)) {
          @Override
          void read(long position) {
            furthestAhead.accumulateAndGet(position - acknowledged.get(), Math::max);
          }
        };

    ArchiveUploader.UploadedArchive uploaded =
        new S3ArchiveUploader(client, PART, 2)
            .upload(bucket, "two.tar", source, archive.length, acknowledged::set);

    assertThat(uploaded.parts()).isEqualTo(6);
    assertThat(gate.mostConcurrent.get()).isEqualTo(2);
    assertThat(furthestAhead.get()).isLessThanOrEqualTo(2L * PART);
    byte[] stored = client.getObjectAsBytes(r -> r.bucket(bucket).key("two.tar")).asByteArray();
    assertThat(stored).isEqualTo(archive);
  }

  @Test
  void upload_withOnePartInFlight_sendsOneAtATime() {
    byte[] archive = bytes(3 * PART);

    new S3ArchiveUploader(client, PART, 1)
        .upload(bucket, "one.tar", new ByteArrayInputStream(archive), archive.length, s -> {});

    assertThat(gate.mostConcurrent.get()).isEqualTo(1);
  }

  @Test
  void upload_whenOnePartInFlightFails_abortsTheUploadAndReportsTheFailure() {
    byte[] archive = bytes(4 * PART);
    gate.failPart = 2;

    assertThatThrownBy(
            () ->
                new S3ArchiveUploader(client, PART, 3)
                    .upload(
                        bucket,
                        "cut.tar",
                        new ByteArrayInputStream(archive),
                        archive.length,
                        s -> {}))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("s3://" + bucket + "/cut.tar")
        .rootCause()
        .hasMessageStartingWith("connection reset while sending part 2");

    assertThat(client.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
    assertThatThrownBy(() -> client.headObject(r -> r.bucket(bucket).key("cut.tar")))
        .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
  }

  @Test
  void upload_sendsEveryPartWithAChecksumForS3ToVerify() {
    byte[] archive = bytes(2 * PART + 5);

    new S3ArchiveUploader(client, PART, 2)
        .upload(bucket, "crc.tar", new ByteArrayInputStream(archive), archive.length, s -> {});

    // Content-MD5 is no longer sent: the SDK's default CRC32, in a trailer, stands for it.
    assertThat(gate.checksums).hasSize(3).allMatch(c -> c.startsWith("x-amz-checksum-"));
  }

  @Test
  void constructor_withNoPartInFlight_isRefused() {
    assertThatThrownBy(() -> new S3ArchiveUploader(client, PART, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  /**
   * Sees each part on its way out: counts the parts being sent at once, holds each one (bounded)
   * until as many as wanted are on their way so that overlap really happens, or fails one.
   */
  private static final class PartGate implements ExecutionInterceptor {
    final AtomicInteger mostConcurrent = new AtomicInteger();
    final List<String> checksums = new CopyOnWriteArrayList<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    volatile int holdUntilConcurrent = 1;
    volatile int failPart = -1;
    volatile int lastPart = -1;

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (!(context.request() instanceof UploadPartRequest part)) {
        return;
      }
      checksums.add(
          context
              .httpRequest()
              .firstMatchingHeader("x-amz-trailer")
              .or(
                  () ->
                      context.httpRequest().headers().keySet().stream()
                          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-"))
                          .findFirst())
              .orElse("none"));
      if (part.partNumber() == failPart) {
        throw SdkClientException.create("connection reset while sending part " + part.partNumber());
      }
      mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      // Bounded, and passing the deadline is no failure: the test then sees less overlap.
      while (part.partNumber() != lastPart
          && concurrent.get() < holdUntilConcurrent
          && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof UploadPartRequest) {
        concurrent.decrementAndGet();
      }
    }

    @Override
    public void onExecutionFailure(
        Context.FailedExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof UploadPartRequest part && part.partNumber() != failPart) {
        concurrent.decrementAndGet();
      }
    }
  }

  /** Tells its position after each read. */
  private abstract static class Counting extends FilterInputStream {
    private long position;

    Counting(InputStream in) {
      super(in);
    }

    abstract void read(long position);

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        position += n;
        read(position);
      }
      return n;
    }
  }
}
