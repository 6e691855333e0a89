package io.gitlabopsbot.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Test inputs: the shared CANARY fixture (signing keys that are not valid PEM) and a valid file
 * whose signing keys are generated per run, so no private key is kept in the repository.
 */
final class SecretFixtures {

  static final String CANARY = "CANARY";

  private static String pkcs1Pem;
  private static String pkcs8Pem;

  private SecretFixtures() {}

  /** The shared fixture: every value holds CANARY, both signing keys are armoured garbage. */
  static String canaryJson() {
    return resource("/migration/omnibus-canary-secrets.json");
  }

  /** A valid file: CANARY tokens, a PKCS#1 OpenID key and a PKCS#8 CI JWT key (real RSA). */
  static String validJson() {
    return resource("/migration/gitlab-secrets-valid.json")
        .replace("@RSA_PKCS1_PEM@", jsonEscaped(pkcs1Pem()))
        .replace("@RSA_PKCS8_PEM@", jsonEscaped(pkcs8Pem()));
  }

  static synchronized String pkcs1Pem() {
    if (pkcs1Pem == null) {
      pkcs1Pem = pem("RSA PRIVATE KEY", pkcs1Of(newKey()));
    }
    return pkcs1Pem;
  }

  static synchronized String pkcs8Pem() {
    if (pkcs8Pem == null) {
      pkcs8Pem = pem("PRIVATE KEY", newKey());
    }
    return pkcs8Pem;
  }

  static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  static byte[] newKey(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair().getPrivate().getEncoded();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] newKey() {
    return newKey(2048);
  }

  /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: the OCTET STRING after version and algo. */
  static byte[] pkcs1Of(byte[] pkcs8) {
    int[] at = {0};
    header(pkcs8, at, 0x30);
    int versionLength = header(pkcs8, at, 0x02);
    at[0] += versionLength;
    int algorithmLength = header(pkcs8, at, 0x30);
    at[0] += algorithmLength;
    int keyLength = header(pkcs8, at, 0x04);
    return Arrays.copyOfRange(pkcs8, at[0], at[0] + keyLength);
  }

  private static int header(byte[] der, int[] at, int tag) {
    if ((der[at[0]] & 0xff) != tag) {
      throw new IllegalStateException("unexpected DER tag at " + at[0]);
    }
    int first = der[at[0] + 1] & 0xff;
    at[0] += 2;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[at[0]++] & 0xff);
    }
    return length;
  }

  private static String jsonEscaped(String text) {
    return text.replace("\n", "\\n");
  }

  private static String resource(String path) {
    try (InputStream in = SecretFixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
