package io.gitlabopsbot.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON envelope Amazon SNS posts to an HTTP/S subscription. Every value is kept exactly as
 * sent, because the signature covers the raw text (a timestamp such as {@code
 * 2026-11-25T01:00:00.000Z} must not be re-formatted before it is checked).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnsMessage(
    @JsonProperty("Type") String type,
    @JsonProperty("MessageId") String messageId,
    @JsonProperty("Token") String token,
    @JsonProperty("TopicArn") String topicArn,
    @JsonProperty("Subject") String subject,
    @JsonProperty("Message") String message,
    @JsonProperty("SubscribeURL") String subscribeUrl,
    @JsonProperty("UnsubscribeURL") String unsubscribeUrl,
    @JsonProperty("Timestamp") String timestamp,
    @JsonProperty("SignatureVersion") String signatureVersion,
    @JsonProperty("Signature") String signature,
    @JsonProperty("SigningCertURL") String signingCertUrl) {

  public static final String NOTIFICATION = "Notification";
  public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
  public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

  // Duplicate keys are refused so that no two parsers could disagree on which value was signed.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** True for the two confirmation types, whose signature also covers the token and URL. */
  public boolean isConfirmationType() {
    return SUBSCRIPTION_CONFIRMATION.equals(type) || UNSUBSCRIBE_CONFIRMATION.equals(type);
  }

  /**
   * Reads an SNS envelope and checks that every field its type needs is present.
   *
   * @throws MalformedException naming what is wrong, never echoing the body
   */
  public static SnsMessage parse(byte[] body) {
    SnsMessage message;
    try {
      message = JSON.readValue(body, SnsMessage.class);
    } catch (IOException e) {
      throw new MalformedException("the body is not an SNS JSON message", e);
    }
    if (message == null) {
      throw new MalformedException("the body is empty or JSON null", null);
    }
    List<String> missing = message.missingFields();
    if (!missing.isEmpty()) {
      throw new MalformedException("the SNS message lacks " + String.join(", ", missing), null);
    }
    return message;
  }

  private List<String> missingFields() {
    List<String> missing = new ArrayList<>();
    if (!NOTIFICATION.equals(type) && !isConfirmationType()) {
      missing.add("a known Type");
    }
    require(missing, "MessageId", messageId);
    require(missing, "TopicArn", topicArn);
    require(missing, "Message", message);
    require(missing, "Timestamp", timestamp);
    require(missing, "SignatureVersion", signatureVersion);
    require(missing, "Signature", signature);
    require(missing, "SigningCertURL", signingCertUrl);
    if (isConfirmationType()) {
      require(missing, "Token", token);
      require(missing, "SubscribeURL", subscribeUrl);
    }
    return missing;
  }

  private static void require(List<String> missing, String name, String value) {
    if (value == null || value.isBlank()) {
      missing.add(name);
    }
  }

  /** The request body is not a usable SNS message; the endpoint answers 400. */
  public static final class MalformedException extends RuntimeException {
    public MalformedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
