package io.gitlabopsbot.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Plays Amazon SNS in tests: an RSA key with a self-signed certificate, signing messages as SNS
 * does, plus helpers to load the fixture and change single fields of a message.
 */
final class SnsTestSigner {

  static final String FIXTURE = "/fixtures/sns/cloudwatch-alarm-notification.unsigned.json";

  private static final ObjectMapper JSON =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

  private final KeyPair keys;
  private final X509Certificate certificate;

  /** A new key and a certificate valid from {@code notBefore} to {@code notAfter}. */
  SnsTestSigner(Instant notBefore, Instant notAfter) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      // Small keys keep tests fast; key strength is not what they check.
      generator.initialize(1024);
      keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=sns.amazonaws.com");
      var holder =
          new JcaX509v3CertificateBuilder(
                  name,
                  BigInteger.valueOf(notBefore.toEpochMilli()),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  name,
                  keys.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
      certificate = new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot create a test signing certificate", e);
    }
  }

  /** A signer whose certificate is valid for the whole time the tests use. */
  SnsTestSigner() {
    this(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z"));
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** {@code message} with a valid signature for its SignatureVersion. */
  SnsMessage sign(SnsMessage message) {
    String algorithm = "1".equals(message.signatureVersion()) ? "SHA1withRSA" : "SHA256withRSA";
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(keys.getPrivate());
      signer.update(SnsStringToSign.of(message).getBytes(StandardCharsets.UTF_8));
      return with(message, "Signature", Base64.getEncoder().encodeToString(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a test message", e);
    }
  }

  /** The shared fixture: a CloudWatch ALARM notification, not yet signed. */
  static SnsMessage fixture() {
    try (InputStream in = SnsTestSigner.class.getResourceAsStream(FIXTURE)) {
      return JSON.readValue(in, SnsMessage.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of {@code message} with one field (by its SNS name) set, or removed when null. */
  static SnsMessage with(SnsMessage message, String field, String value) {
    Map<String, String> fields =
        new LinkedHashMap<>(
            JSON.convertValue(message, new TypeReference<Map<String, String>>() {}));
    if (value == null) {
      fields.remove(field);
    } else {
      fields.put(field, value);
    }
    return JSON.convertValue(fields, SnsMessage.class);
  }

  /** The message as SNS posts it. */
  static String toJson(SnsMessage message) {
    try {
      return JSON.writeValueAsString(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
