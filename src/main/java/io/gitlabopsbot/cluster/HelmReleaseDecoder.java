package io.gitlabopsbot.cluster;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Decodes the {@code release} key of a Helm 3 release Secret: Kubernetes base64, then Helm's own
 * base64, then gzip (Helm skips gzip in old versions), then JSON whose {@code manifest} is
 * multi-document YAML. Only names, status and (apiVersion, kind) pairs are kept.
 */
final class HelmReleaseDecoder {

  private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
  // A Secret holds at most 1 MiB; the bound stops a hostile record from filling the heap.
  static final int MAX_JSON_BYTES = 32 * 1024 * 1024;

  private final ObjectMapper json = new ObjectMapper();
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  /**
   * @param secretData the value of the Secret's {@code data.release}, as the API returns it
   * @throws HelmReleaseFormatException when any layer is not what Helm writes
   */
  HelmRelease decode(String secretData) {
    byte[] helmText = base64(secretData, "the Secret data is not base64");
    byte[] payload =
        base64(
            new String(helmText, StandardCharsets.US_ASCII).trim(),
            "the Helm payload inside the Secret is not base64");
    JsonNode root = parseJson(startsWithGzip(payload) ? gunzip(payload) : payload);
    JsonNode manifest = root.path("manifest");
    if (!manifest.isTextual()) {
      throw new HelmReleaseFormatException("the release JSON has no manifest text");
    }
    return new HelmRelease(
        root.path("name").asText(""),
        root.path("version").asInt(0),
        root.path("info").path("status").asText("unknown"),
        chart(root.path("chart").path("metadata")),
        apis(manifest.asText()));
  }

  private static String chart(JsonNode metadata) {
    String name = metadata.path("name").asText("");
    String version = metadata.path("version").asText("");
    return name.isEmpty() ? "" : version.isEmpty() ? name : name + "-" + version;
  }

  private List<HelmRelease.ApiUse> apis(String manifest) {
    Set<HelmRelease.ApiUse> uses = new LinkedHashSet<>();
    try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(manifest)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc != null && doc.path("apiVersion").isTextual() && doc.path("kind").isTextual()) {
          uses.add(
              new HelmRelease.ApiUse(doc.get("apiVersion").asText(), doc.get("kind").asText()));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new HelmReleaseFormatException(
          "the release manifest is not valid YAML" + where(e), withoutMessage(e));
    }
    return List.copyOf(uses);
  }

  private JsonNode parseJson(byte[] bytes) {
    try {
      JsonNode root = json.readTree(bytes);
      if (root == null || !root.isObject()) {
        throw new HelmReleaseFormatException("the Helm payload is not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new HelmReleaseFormatException(
          "the Helm payload is not valid JSON" + where(e), withoutMessage(e));
    }
  }

  private static byte[] base64(String text, String failure) {
    try {
      return Base64.getMimeDecoder().decode(text == null ? "" : text);
    } catch (IllegalArgumentException e) {
      throw new HelmReleaseFormatException(failure, withoutMessage(e));
    }
  }

  private static boolean startsWithGzip(byte[] payload) {
    return payload.length >= 2 && payload[0] == GZIP_MAGIC[0] && payload[1] == GZIP_MAGIC[1];
  }

  private static byte[] gunzip(byte[] payload) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + n > MAX_JSON_BYTES) {
          throw new HelmReleaseFormatException(
              "the Helm payload unpacks to more than " + MAX_JSON_BYTES / (1024 * 1024) + " MiB");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new HelmReleaseFormatException("the Helm payload is not valid gzip", withoutMessage(e));
    }
  }

  // Parser messages quote the offending input, which may be a password from the chart values.
  private static String where(Exception e) {
    if (e instanceof JsonProcessingException p && p.getLocation() != null) {
      JsonLocation at = p.getLocation();
      return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return "";
  }

  private static Throwable withoutMessage(Exception e) {
    return new IllegalArgumentException(e.getClass().getName());
  }
}
