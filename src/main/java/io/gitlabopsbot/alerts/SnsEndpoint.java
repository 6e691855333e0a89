package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertInbox.AlertInboxUnavailableException;
import io.gitlabopsbot.alerts.SnsSubscriptionConfirmer.ConfirmationFailedException;
import io.gitlabopsbot.slack.ReplayGuard;
import io.gitlabopsbot.store.StoreException;
import io.gitlabopsbot.web.HttpFront;
import io.gitlabopsbot.web.HttpReply;
import io.gitlabopsbot.web.HttpRequest;
import io.gitlabopsbot.web.Route;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives CloudWatch alarms through an Amazon SNS HTTPS subscription. Only messages signed by SNS,
 * fresh, not replayed and from an allow-listed topic are acted on.
 *
 * <p>Answers follow SNS's retry rules (it retries 5xx only): 503 when the bot cannot take the
 * message now, 4xx when retrying cannot help. A message ID is recorded in the {@link ReplayGuard}
 * only once its message was handled, so a delivery that failed with 503 can still be retried by SNS
 * under the same ID; a replay of a handled message is stopped there, and the inbox's dedupe key
 * keeps it from adding an event in between.
 */
public final class SnsEndpoint implements Route {

  /** Where the SNS subscription points. */
  public static final String PATH = "/alerts/sns";

  /**
   * Counter, tag {@code reason}: SNS requests not accepted (malformed, topic, signature, replay,
   * store_unavailable…).
   */
  public static final String REJECTED_METRIC = "gitlabopsbot.sns.requests.rejected";

  static final String TYPE_HEADER = "x-amz-sns-message-type";

  /** The one body for every refusal, so a caller cannot probe which check failed. */
  static final String REJECTED_BODY = "SNS message rejected";

  private static final Logger log = LoggerFactory.getLogger(SnsEndpoint.class);

  private final SnsSettings settings;
  private final SnsSignatureVerifier verifier;
  private final SnsUrlPolicy subscribeUrls;
  private final SnsSubscriptionConfirmer confirmer;
  private final ReplayGuard replayGuard;
  private final AlertInbox inbox;
  private final MeterRegistry registry;

  /**
   * @param subscribeUrls where a SubscribeURL may point; {@link SnsUrlPolicy#awsOnly()} in
   *     production
   */
  public SnsEndpoint(
      SnsSettings settings,
      SnsSignatureVerifier verifier,
      SnsUrlPolicy subscribeUrls,
      SnsSubscriptionConfirmer confirmer,
      ReplayGuard replayGuard,
      AlertInbox inbox,
      MeterRegistry registry) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.subscribeUrls = Objects.requireNonNull(subscribeUrls, "subscribeUrls");
    this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Serves this endpoint at {@link #PATH} for POST. */
  public void register(HttpFront front) {
    front.route("POST", PATH, this);
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    SnsMessage message;
    try {
      message = SnsMessage.parse(request.body());
    } catch (SnsMessage.MalformedException e) {
      return malformed(request, e.getMessage());
    }
    String declared = request.header(TYPE_HEADER);
    if (declared != null && !declared.equals(message.type())) {
      return malformed(request, "header " + TYPE_HEADER + " disagrees with the message Type");
    }
    if (!settings.allowsTopic(message.topicArn())) {
      return reject(request, message, "unknown_topic", "topic is not in the allow-list");
    }
    SnsVerification verification = verifier.verify(message);
    if (verification instanceof SnsVerification.Rejected rejected) {
      String reason = rejected.reason().name().toLowerCase(Locale.ROOT);
      if (rejected.reason() == SnsVerification.Reason.CERTIFICATE_UNAVAILABLE) {
        return unavailable(message, reason, rejected.detail());
      }
      return reject(request, message, reason, rejected.detail());
    }
    try {
      HttpReply failure = act(request, message);
      if (failure != null) {
        return failure;
      }
      var valid = (SnsVerification.Valid) verification;
      if (!replayGuard.firstSeen(valid.replayKey(), valid.expiresAt())) {
        return reject(request, message, "replay", "message ID was already handled");
      }
      return HttpReply.text(200, "ok");
    } catch (AlertInboxUnavailableException | StoreException e) {
      return unavailable(message, "store_unavailable", e.getMessage());
    } catch (ConfirmationFailedException e) {
      return unavailable(message, "confirmation_failed", e.getMessage());
    }
  }

  /** Does what the verified message asks; returns a reply only when it must not succeed. */
  private HttpReply act(HttpRequest request, SnsMessage message) {
    switch (message.type()) {
      case SnsMessage.SUBSCRIPTION_CONFIRMATION -> {
        URI subscribeUrl = allowedSubscribeUrl(message.subscribeUrl());
        if (subscribeUrl == null) {
          return reject(request, message, "subscribe_url_not_allowed", "SubscribeURL host refused");
        }
        confirmer.confirm(subscribeUrl);
        log.info("confirmed the SNS subscription to topic {}", message.topicArn());
      }
      case SnsMessage.UNSUBSCRIBE_CONFIRMATION ->
          log.warn(
              "the bot was unsubscribed from SNS topic {}: CloudWatch alarms on it no longer reach"
                  + " Slack; re-subscribe the bot's HTTPS endpoint if that was not intended",
              message.topicArn());
      default -> {
        CloudWatchAlarm alarm;
        try {
          alarm = CloudWatchAlarm.parse(message.message());
        } catch (CloudWatchAlarm.MalformedException e) {
          return malformed(request, e.getMessage() + " (MessageId " + message.messageId() + ")");
        }
        int added = inbox.accept(List.of(CloudWatchAlertEvents.from(alarm)));
        log.info(
            "CloudWatch alarm {} is {} (MessageId {}, {} new)",
            alarm.alarmName(),
            alarm.newStateValue(),
            message.messageId(),
            added);
      }
    }
    return null;
  }

  private URI allowedSubscribeUrl(String raw) {
    try {
      URI url = new URI(raw);
      return subscribeUrls.allows(url) ? url : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private HttpReply malformed(HttpRequest request, String why) {
    log.warn("malformed SNS request from {}: {}", request.remoteAddress(), why);
    count("malformed");
    return HttpReply.text(400, "malformed SNS message");
  }

  private HttpReply reject(HttpRequest request, SnsMessage message, String reason, String detail) {
    log.warn(
        "rejected SNS {} {} on topic {} from {}: {} ({})",
        message.type(),
        message.messageId(),
        message.topicArn(),
        request.remoteAddress(),
        reason,
        detail);
    count(reason);
    return HttpReply.text(403, REJECTED_BODY);
  }

  private HttpReply unavailable(SnsMessage message, String reason, String detail) {
    log.warn(
        "SNS {} {} not handled now, SNS will retry: {}",
        message.type(),
        message.messageId(),
        detail);
    count(reason);
    return HttpReply.text(503, "cannot take the message now; retry later");
  }

  private void count(String reason) {
    registry.counter(REJECTED_METRIC, "reason", reason).increment();
  }
}
