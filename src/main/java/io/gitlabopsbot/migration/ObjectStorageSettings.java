package io.gitlabopsbot.migration;

import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the Omnibus host should put its objects: the S3 buckets the chart will use, one per
 * migrated {@link ObjectType}, plus the chart's backup bucket. Authentication is always the host's
 * IAM instance profile, so no access key ever goes into {@code gitlab.rb}. Every value is checked
 * here because it is written into a Ruby file.
 *
 * @param buckets bucket per migrated type; must include uploads, artifacts and LFS
 * @param backupBucket the chart's backup bucket ({@code gitlab-backups} by default), where the bot
 *     streams the archive that {@code gitlab-rake gitlab:backup:create} wrote on the host
 * @param region AWS region of the buckets
 * @param endpoint only for S3-compatible storage; empty for AWS S3
 * @param pathStyle {@code host/bucket/key} addressing, needed by some S3-compatible stores
 */
public record ObjectStorageSettings(
    Map<ObjectType, String> buckets,
    String backupBucket,
    String region,
    Optional<URI> endpoint,
    boolean pathStyle) {

  // S3 bucket naming rules (lower case, digits, dots, hyphens; 3 to 63 characters).
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{1,30}");
  private static final Pattern SAFE_URI = Pattern.compile("[A-Za-z0-9.:/_-]+");

  public ObjectStorageSettings {
    Objects.requireNonNull(buckets, "buckets");
    Objects.requireNonNull(endpoint, "endpoint");
    EnumMap<ObjectType, String> copy = new EnumMap<>(ObjectType.class);
    copy.putAll(buckets);
    for (ObjectType type : ObjectType.values()) {
      if (type.alwaysMigrated() && !copy.containsKey(type)) {
        throw new IllegalArgumentException(
            "object storage: no bucket for "
                + type.key()
                + "; uploads, artifacts and lfs always"
                + " move to S3");
      }
    }
    copy.forEach((type, bucket) -> checkBucket("bucket for " + type.key(), bucket));
    checkBucket("backup bucket", backupBucket);
    if (region == null || !REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "object storage: region `" + region + "` is not valid; expected e.g. eu-west-1");
    }
    endpoint.ifPresent(ObjectStorageSettings::checkEndpoint);
    buckets = Collections.unmodifiableMap(copy);
  }

  /** AWS S3 with the instance profile, virtual-host addressing. */
  public static ObjectStorageSettings aws(
      Map<ObjectType, String> buckets, String backupBucket, String region) {
    return new ObjectStorageSettings(buckets, backupBucket, region, Optional.empty(), false);
  }

  private static void checkBucket(String what, String bucket) {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "object storage: "
              + what
              + " `"
              + bucket
              + "` is not a valid S3 bucket name (3-63"
              + " characters: lower-case letters, digits, dots, hyphens)");
    }
  }

  private static void checkEndpoint(URI endpoint) {
    String scheme = endpoint.getScheme();
    boolean ok =
        ("https".equals(scheme) || "http".equals(scheme))
            && endpoint.getHost() != null
            && endpoint.getRawUserInfo() == null
            && endpoint.getRawQuery() == null
            && endpoint.getRawFragment() == null
            && SAFE_URI.matcher(endpoint.toString()).matches();
    if (!ok) {
      throw new IllegalArgumentException(
          "object storage: endpoint `"
              + endpoint
              + "` is not valid; expected an http(s) URL"
              + " with a host and no credentials, query or fragment");
    }
  }
}
