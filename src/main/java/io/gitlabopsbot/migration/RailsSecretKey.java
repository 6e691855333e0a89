package io.gitlabopsbot.migration;

/**
 * The {@code gitlab_rails} entries of {@code /etc/gitlab/gitlab-secrets.json} that go into the
 * chart's {@code secrets.yml}, in the order they are written there.
 *
 * <p>Presence follows what Omnibus 16.x/17.x writes: it generates the three key bases, {@code
 * encrypted_settings_key_base} (since 13.7) and both RSA signing keys on every reconfigure, so a
 * file without one of those is damaged. {@code ci_jwt_signing_key} is therefore required although
 * older guides treat it as optional: without it the chart would sign CI ID tokens with a new key
 * and every relying party would reject them. {@code encrypted_settings_key_base} is optional only
 * because some upgraded hosts never had it; when present it must be carried over or encrypted
 * settings (LDAP, SMTP, incoming mail) no longer decrypt. The Active Record encryption keys exist
 * from 17.8 on and must come as a complete set.
 */
enum RailsSecretKey {
  SECRET_KEY_BASE("secret_key_base", Presence.REQUIRED, Shape.TOKEN),
  DB_KEY_BASE("db_key_base", Presence.REQUIRED, Shape.TOKEN_OR_LIST),
  OTP_KEY_BASE("otp_key_base", Presence.REQUIRED, Shape.TOKEN),
  ENCRYPTED_SETTINGS_KEY_BASE("encrypted_settings_key_base", Presence.OPTIONAL, Shape.TOKEN),
  OPENID_CONNECT_SIGNING_KEY("openid_connect_signing_key", Presence.REQUIRED, Shape.RSA_PEM),
  CI_JWT_SIGNING_KEY("ci_jwt_signing_key", Presence.REQUIRED, Shape.RSA_PEM),
  ACTIVE_RECORD_PRIMARY_KEY(
      "active_record_encryption_primary_key", Presence.ACTIVE_RECORD_SET, Shape.TOKEN_OR_LIST),
  ACTIVE_RECORD_DETERMINISTIC_KEY(
      "active_record_encryption_deterministic_key",
      Presence.ACTIVE_RECORD_SET,
      Shape.TOKEN_OR_LIST),
  ACTIVE_RECORD_KEY_DERIVATION_SALT(
      "active_record_encryption_key_derivation_salt", Presence.ACTIVE_RECORD_SET, Shape.TOKEN);

  /** When a key must be present. */
  enum Presence {
    REQUIRED,
    OPTIONAL,
    /** All three Active Record encryption keys, or none of them. */
    ACTIVE_RECORD_SET
  }

  /** What a well-formed value looks like. */
  enum Shape {
    /** A non-empty single-line string. */
    TOKEN,
    /**
     * A token or a non-empty list of tokens: GitLab writes the Active Record keys as lists so that
     * they can be rotated (the last one encrypts, all decrypt), and newer versions do the same for
     * {@code db_key_base}.
     */
    TOKEN_OR_LIST,
    /** A PEM-armoured RSA private key (PKCS#1 as Omnibus writes it, or PKCS#8). */
    RSA_PEM
  }

  private final String key;
  private final Presence presence;
  private final Shape shape;

  RailsSecretKey(String key, Presence presence, Shape shape) {
    this.key = key;
    this.presence = presence;
    this.shape = shape;
  }

  String key() {
    return key;
  }

  Presence presence() {
    return presence;
  }

  Shape shape() {
    return shape;
  }

  String path() {
    return "gitlab_rails." + key;
  }
}
