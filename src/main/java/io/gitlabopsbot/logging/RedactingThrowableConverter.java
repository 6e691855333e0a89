package io.gitlabopsbot.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** {@code %rex}: stack traces with secrets masked (exception messages can carry URLs, tokens). */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {

  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return LogRedaction.redact(super.throwableProxyToString(proxy));
  }
}
