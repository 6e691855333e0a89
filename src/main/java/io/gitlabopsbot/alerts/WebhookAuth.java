package io.gitlabopsbot.alerts;

import io.gitlabopsbot.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the credentials Alertmanager's {@code http_config} sends: {@code Authorization: Bearer
 * <token>} ({@code authorization.credentials}) or {@code Authorization: Basic …} ({@code
 * basic_auth}). With neither configured every request is refused: the endpoint is never open.
 */
public final class WebhookAuth {

  public static final String TOKEN_ENV = "ALERTMANAGER_WEBHOOK_TOKEN";
  public static final String USER_ENV = "ALERTMANAGER_WEBHOOK_USER";
  public static final String PASSWORD_ENV = "ALERTMANAGER_WEBHOOK_PASSWORD";

  private static final Logger log = LoggerFactory.getLogger(WebhookAuth.class);

  // Only digests are kept and compared: equal length, so the comparison time reveals nothing.
  private final byte[] tokenDigest;
  private final byte[] basicDigest;

  /**
   * @param token bearer token, or null
   * @param user basic auth user, or null
   * @param password basic auth password, or null; basic auth needs both user and password
   */
  public WebhookAuth(Secret token, Secret user, Secret password) {
    this.tokenDigest = present(token) ? digest(token.value()) : null;
    boolean basic = present(user) && present(password);
    this.basicDigest = basic ? digest(user.value() + ":" + password.value()) : null;
    if (present(user) != present(password)) {
      log.warn(
          "Alertmanager webhook: only one of {} and {} is set; basic auth stays off until both are",
          USER_ENV,
          PASSWORD_ENV);
    }
    if (!isEnabled()) {
      log.warn(
          "Alertmanager webhook is disabled: set {} (or {} and {}) to accept alerts; until then"
              + " every request is refused with 401",
          TOKEN_ENV,
          USER_ENV,
          PASSWORD_ENV);
    }
  }

  /** Reads the secrets from {@code environment} (pass {@code System.getenv()}). */
  public static WebhookAuth fromEnvironment(Map<String, String> environment) {
    return new WebhookAuth(
        secret(environment.get(TOKEN_ENV)),
        secret(environment.get(USER_ENV)),
        secret(environment.get(PASSWORD_ENV)));
  }

  /** Whether any credential is configured; if not, {@link #allows} is always false. */
  public boolean isEnabled() {
    return tokenDigest != null || basicDigest != null;
  }

  /** Whether the {@code Authorization} header value carries a configured credential. */
  public boolean allows(String authorization) {
    if (authorization == null) {
      return false;
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0) {
      return false;
    }
    String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = value.substring(space + 1).strip();
    return switch (scheme) {
      case "bearer" -> matches(tokenDigest, credentials);
      case "basic" -> matches(basicDigest, decodeBasic(credentials));
      default -> false;
    };
  }

  private static boolean matches(byte[] expected, String presented) {
    if (expected == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(expected, digest(presented));
  }

  private static String decodeBasic(String credentials) {
    try {
      return new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean present(Secret secret) {
    return secret != null && !secret.isBlank();
  }

  private static Secret secret(String value) {
    return value == null ? null : new Secret(value);
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
