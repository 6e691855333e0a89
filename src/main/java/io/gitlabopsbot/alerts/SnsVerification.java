package io.gitlabopsbot.alerts;

import java.time.Instant;
import java.util.Objects;

/** The outcome of checking an SNS message's signature, certificate URL and age. */
public sealed interface SnsVerification {

  /**
   * Signed by SNS and fresh.
   *
   * @param replayKey identifies this message for the replay guard ({@code sns:<MessageId>})
   * @param expiresAt after this instant the message is rejected as stale anyway, so the replay key
   *     need not be kept longer
   */
  record Valid(String replayKey, Instant expiresAt) implements SnsVerification {
    public Valid {
      Objects.requireNonNull(replayKey, "replayKey");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /**
   * Not to be acted on.
   *
   * @param detail for the log only, never for the client; holds no message content
   */
  record Rejected(Reason reason, String detail) implements SnsVerification {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why a message was rejected. */
  enum Reason {
    MALFORMED_TIMESTAMP,
    STALE,
    FUTURE,
    CERTIFICATE_URL_NOT_ALLOWED,
    UNSUPPORTED_SIGNATURE_VERSION,
    MALFORMED_SIGNATURE,
    /** The certificate could not be fetched: transient, so SNS should retry (503). */
    CERTIFICATE_UNAVAILABLE,
    CERTIFICATE_EXPIRED,
    BAD_SIGNATURE
  }
}
