package io.gitlabopsbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.message.DeliveryException;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Posts messages through the Slack Web API. A 429 is retried after Slack's {@code Retry-After},
 * within a bounded number of attempts and a bounded wait; network errors are not retried because
 * Slack may already have posted the message and a retry would post it twice.
 */
public final class SlackWebApiNotifier implements Notifier {

  private final MethodsClient methods;
  private final BlockKitRenderer renderer;
  private final MeterRegistry registry;
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final Duration maxRetryWait;

  /**
   * @param maxAttempts calls per message including the first, at least 1
   * @param maxRetryWait a {@code Retry-After} longer than this fails at once instead of blocking
   */
  public SlackWebApiNotifier(
      MethodsClient methods,
      BlockKitRenderer renderer,
      MeterRegistry registry,
      Sleeper sleeper,
      int maxAttempts,
      Duration maxRetryWait) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    this.methods = Objects.requireNonNull(methods, "methods");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.maxAttempts = maxAttempts;
    this.maxRetryWait = Objects.requireNonNull(maxRetryWait, "maxRetryWait");
  }

  @Override
  public MessageRef post(String channel, Message message) {
    ChatPostMessageRequest request = postRequest(channel, null, message);
    ChatPostMessageResponse response =
        call("chat.postMessage", channel, () -> methods.chatPostMessage(request));
    return new MessageRef(response.getChannel(), response.getTs());
  }

  @Override
  public void update(MessageRef ref, Message message) {
    ChatUpdateRequest request =
        ChatUpdateRequest.builder()
            .channel(ref.channel())
            .ts(ref.ts())
            .text(renderer.fallbackText(message))
            .blocks(renderer.render(message))
            .build();
    call("chat.update", ref.channel(), () -> methods.chatUpdate(request));
  }

  @Override
  public MessageRef reply(MessageRef parent, Message message) {
    ChatPostMessageRequest request = postRequest(parent.channel(), parent.ts(), message);
    ChatPostMessageResponse response =
        call("chat.postMessage", parent.channel(), () -> methods.chatPostMessage(request));
    return new MessageRef(response.getChannel(), response.getTs());
  }

  private ChatPostMessageRequest postRequest(String channel, String threadTs, Message message) {
    return ChatPostMessageRequest.builder()
        .channel(channel)
        .threadTs(threadTs)
        .text(renderer.fallbackText(message))
        .blocks(renderer.render(message))
        // Explicit, as the SDK sends them anyway: no previews of (internal) links, no @-linking.
        .mrkdwn(true)
        .linkNames(false)
        .unfurlLinks(false)
        .unfurlMedia(false)
        .replyBroadcast(false)
        .build();
  }

  private <T extends SlackApiTextResponse> T call(String method, String channel, ApiCall<T> call) {
    for (int attempt = 1; ; attempt++) {
      Timer.Sample sample = Timer.start(registry);
      try {
        T response = call.invoke();
        if (!response.isOk()) {
          sample.stop(timer(method, "error"));
          throw new DeliveryException(
              response.getError(),
              explain(method, channel, response.getError(), response.getNeeded()),
              null);
        }
        sample.stop(timer(method, "ok"));
        return response;
      } catch (SlackApiException e) {
        if (e.getResponse().code() != 429) {
          sample.stop(timer(method, "error"));
          String code = e.getError() != null ? e.getError().getError() : null;
          throw new DeliveryException(
              code == null ? "http_" + e.getResponse().code() : code,
              "Slack answered "
                  + method
                  + " with HTTP "
                  + e.getResponse().code()
                  + (code == null ? "" : " (" + code + ")")
                  + "; check https://status.slack.com and try again later",
              e);
        }
        sample.stop(timer(method, "ratelimited"));
        Duration wait = retryAfter(e);
        if (attempt >= maxAttempts || wait.compareTo(maxRetryWait) > 0) {
          throw new DeliveryException(
              "ratelimited",
              "Slack rate limited "
                  + method
                  + " (Retry-After "
                  + wait.toSeconds()
                  + " s, attempt "
                  + attempt
                  + " of "
                  + maxAttempts
                  + "); the call will not be retried now, so the message was not delivered",
              e,
              retryAfterHeader(e).orElse(null));
        }
        registry.counter(MetricNames.SLACK_API_RETRIES, "method", method).increment();
        sleeper.sleep(wait);
      } catch (IOException e) {
        sample.stop(timer(method, "error"));
        throw new DeliveryException(
            "io",
            "could not reach Slack for "
                + method
                + " ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + "); check the network path and HTTPS_PROXY/NO_PROXY",
            e);
      }
    }
  }

  /** What an {@code ok=false} error means for an operator, without any token. */
  static String explain(String method, String channel, String error, String needed) {
    String what = "Slack refused " + method + " in channel " + channel + " with " + error + ": ";
    if (error == null) {
      return what + "no reason given; check https://status.slack.com";
    }
    return what
        + switch (error) {
          case "not_in_channel" -> "invite the bot to the channel with /invite @gitlab-ops-bot";
          case "channel_not_found" ->
              "check the channel ID (C…) and, for a private channel, invite the bot to it first";
          case "is_archived" -> "the channel is archived; unarchive it or configure another one";
          case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive" ->
              "check SLACK_BOT_TOKEN (it is missing, revoked or for another workspace)";
          case "missing_scope" ->
              "add the scope " + needed + " to the Slack app and reinstall it to the workspace";
          case "message_not_found", "cant_update_message" ->
              "the message to update is gone or was not posted by the bot";
          case "invalid_blocks", "msg_too_long", "invalid_arguments" ->
              "Slack rejected the message format; report this as a bug with the command used";
          default -> "see https://api.slack.com/methods/" + method + "#errors";
        };
  }

  private static Duration retryAfter(SlackApiException e) {
    // Slack always sends whole seconds; without a usable value wait one second, as Slack advises.
    return retryAfterHeader(e).orElse(Duration.ofSeconds(1));
  }

  private static java.util.Optional<Duration> retryAfterHeader(SlackApiException e) {
    String header = e.getResponse() == null ? null : e.getResponse().header("Retry-After");
    try {
      return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
    } catch (RuntimeException notANumber) {
      return java.util.Optional.empty();
    }
  }

  private Timer timer(String method, String outcome) {
    return Timer.builder(MetricNames.SLACK_API)
        .description("Slack Web API calls")
        .tag("method", method)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }

  /** One Slack Web API call. */
  @FunctionalInterface
  private interface ApiCall<T> {
    T invoke() throws IOException, SlackApiException;
  }
}
