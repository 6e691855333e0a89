package io.gitlabopsbot.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bundled EKS release calendar: the fallback for support dates when the bot may not call {@code
 * eks:DescribeClusterVersions}. Never preferred over the API, which AWS keeps current.
 *
 * @param asOf the date of the AWS calendar the table was copied from
 */
public record SupportCalendar(LocalDate asOf, List<VersionSupport> versions) {

  static final String RESOURCE = "/eks/support-calendar.yaml";

  public SupportCalendar {
    versions = List.copyOf(versions);
  }

  /** The table shipped with the bot. */
  public static SupportCalendar bundled() {
    try (InputStream in = SupportCalendar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the bot jar lacks " + RESOURCE + "; rebuild it");
      }
      return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the bot jar", e);
    }
  }

  private static SupportCalendar parse(JsonNode root) {
    List<VersionSupport> versions = new ArrayList<>();
    for (JsonNode entry : root.path("versions")) {
      versions.add(
          new VersionSupport(
              entry.path("version").asText(),
              LocalDate.parse(entry.path("endOfStandardSupport").asText()),
              LocalDate.parse(entry.path("endOfExtendedSupport").asText())));
    }
    return new SupportCalendar(LocalDate.parse(root.path("asOf").asText()), versions);
  }

  /** The dates of {@code version}, or empty when the table does not know it. */
  public Optional<VersionSupport> find(String version) {
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }
}
