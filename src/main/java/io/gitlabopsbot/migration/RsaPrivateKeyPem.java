package io.gitlabopsbot.migration;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks that a string is a PEM-armoured RSA private key Java can load. Omnibus writes PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, Ruby's {@code to_pem}); PKCS#8 ({@code BEGIN PRIVATE KEY}) is
 * accepted too. The answer names what is wrong and never quotes the key.
 */
final class RsaPrivateKeyPem {

  static final int MIN_BITS = 2048;

  private static final String PKCS1 = "RSA PRIVATE KEY";
  private static final String PKCS8 = "PRIVATE KEY";

  // DER of AlgorithmIdentifier { rsaEncryption, NULL } and of INTEGER 0 (PrivateKeyInfo version).
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };
  private static final byte[] VERSION_ZERO = {0x02, 0x01, 0x00};

  private RsaPrivateKeyPem() {}

  /** Empty when {@code pem} is a usable RSA private key, else what is wrong with it. */
  static Optional<String> problem(String pem) {
    String text = pem.strip();
    String label;
    if (armoured(text, PKCS1)) {
      label = PKCS1;
    } else if (armoured(text, PKCS8)) {
      label = PKCS8;
    } else {
      return Optional.of(
          "is not a PEM RSA private key (expected -----BEGIN RSA PRIVATE KEY----- …"
              + " -----END RSA PRIVATE KEY-----, or BEGIN/END PRIVATE KEY)");
    }
    String body =
        text.substring(begin(label).length(), text.length() - end(label).length())
            .replaceAll("[\\r\\n\\t ]", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character: not passed on.
      return Optional.of("has PEM armour but its body is not base64 (encrypted or damaged key?)");
    }
    if (der.length == 0) {
      return Optional.of("has PEM armour but an empty body");
    }
    PrivateKey key;
    try {
      byte[] pkcs8 = PKCS1.equals(label) ? wrapPkcs1(der) : der;
      key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.of("has PEM armour but Java cannot read it as an RSA private key");
    }
    if (!(key instanceof RSAPrivateKey rsa)) {
      return Optional.of("is not an RSA key");
    }
    int bits = rsa.getModulus().bitLength();
    if (bits < MIN_BITS) {
      return Optional.of("is a " + bits + "-bit RSA key; at least " + MIN_BITS + " bits expected");
    }
    return Optional.empty();
  }

  private static boolean armoured(String text, String label) {
    return text.startsWith(begin(label))
        && text.endsWith(end(label))
        && text.length() > begin(label).length() + end(label).length();
  }

  private static String begin(String label) {
    return "-----BEGIN " + label + "-----";
  }

  private static String end(String label) {
    return "-----END " + label + "-----";
  }

  /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo, the only form Java's KeyFactory reads. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(VERSION_ZERO);
    content.writeBytes(RSA_ALGORITHM);
    content.write(0x04);
    writeLength(content, pkcs1.length);
    content.writeBytes(pkcs1);
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.write(0x30);
    writeLength(info, content.size());
    info.writeBytes(content.toByteArray());
    return info.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    out.write(0x80 | bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((length >>> (8 * i)) & 0xff);
    }
  }
}
