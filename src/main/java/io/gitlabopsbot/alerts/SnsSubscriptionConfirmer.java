package io.gitlabopsbot.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/** Confirms an SNS subscription by visiting its {@code SubscribeURL}. */
public final class SnsSubscriptionConfirmer {

  private final HttpClient client;
  private final Duration timeout;

  /**
   * @param timeout bound on the whole request, after the client's connect timeout
   */
  public SnsSubscriptionConfirmer(HttpClient client, Duration timeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * GETs {@code subscribeUrl}; the caller has checked the message's signature, topic and URL host.
   *
   * @throws ConfirmationFailedException when SNS did not answer 2xx; the message names the host
   *     only, because the URL carries the subscription token
   */
  public void confirm(URI subscribeUrl) {
    HttpRequest request = HttpRequest.newBuilder(subscribeUrl).timeout(timeout).GET().build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw failed(subscribeUrl, "answered HTTP " + response.statusCode(), null);
      }
    } catch (IOException e) {
      throw failed(subscribeUrl, "could not be reached (" + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(subscribeUrl, "was interrupted", e);
    }
  }

  private static ConfirmationFailedException failed(URI url, String what, Throwable cause) {
    return new ConfirmationFailedException(
        "Confirming the SNS subscription at "
            + url.getHost()
            + " "
            + what
            + "; SNS retries, or request a new confirmation from the SNS console",
        cause);
  }

  /** The subscription could not be confirmed now. */
  public static final class ConfirmationFailedException extends RuntimeException {
    public ConfirmationFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
