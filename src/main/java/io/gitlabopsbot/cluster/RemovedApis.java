package io.gitlabopsbot.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes API versions no longer served, from the Kubernetes deprecated API migration guide.
 *
 * @param asOf when the table was last compared with the guide (ISO date, shown to readers)
 */
public record RemovedApis(String asOf, List<RemovedApis.Removal> removals) {

  static final String RESOURCE = "/eks/removed-apis.yaml";

  /** {@code kind} in {@code apiVersion} is no longer served from {@code removedIn} on. */
  public record Removal(String apiVersion, String kind, MinorVersion removedIn, String use) {}

  public RemovedApis {
    removals = List.copyOf(removals);
  }

  /** The table shipped with the bot. */
  public static RemovedApis bundled() {
    try (InputStream in = RemovedApis.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the bot jar lacks " + RESOURCE + "; rebuild it");
      }
      return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the bot jar", e);
    }
  }

  private static RemovedApis parse(JsonNode root) {
    List<Removal> removals = new ArrayList<>();
    for (JsonNode entry : root.path("removals")) {
      String removedIn = entry.path("removedIn").asText();
      MinorVersion version =
          MinorVersion.parse(removedIn)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          RESOURCE + ": removedIn '" + removedIn + "' is not a version like 1.25"));
      for (JsonNode kind : entry.path("kinds")) {
        removals.add(
            new Removal(
                entry.path("apiVersion").asText(),
                kind.asText(),
                version,
                entry.path("use").asText()));
      }
    }
    return new RemovedApis(root.path("asOf").asText(), removals);
  }

  /** The removal of {@code kind} in {@code apiVersion}, if the table lists one. */
  public Optional<Removal> find(String apiVersion, String kind) {
    return removals.stream()
        .filter(r -> r.apiVersion().equals(apiVersion) && r.kind().equals(kind))
        .findFirst();
  }
}
