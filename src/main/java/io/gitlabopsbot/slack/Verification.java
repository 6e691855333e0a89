package io.gitlabopsbot.slack;

import java.time.Instant;
import java.util.Objects;

/** The outcome of checking an inbound Slack request's signature and age. */
public sealed interface Verification {

  /**
   * Signed by Slack and fresh.
   *
   * @param replayKey identifies this exact request, for {@link ReplayGuard}
   * @param expiresAt after this instant the request would be rejected as stale anyway, so the
   *     replay key need not be kept longer
   */
  record Valid(String replayKey, Instant expiresAt) implements Verification {
    public Valid {
      Objects.requireNonNull(replayKey, "replayKey");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /** Not to be acted on; {@code reason} is for the log and metrics only, never for the client. */
  record Rejected(Reason reason) implements Verification {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a request was rejected. */
  enum Reason {
    MISSING_HEADERS,
    MALFORMED_TIMESTAMP,
    MALFORMED_SIGNATURE,
    STALE,
    FUTURE,
    BAD_SIGNATURE
  }
}
