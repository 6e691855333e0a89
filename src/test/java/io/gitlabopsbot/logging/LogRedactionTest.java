package io.gitlabopsbot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import io.gitlabopsbot.access.Redactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The production logback.xml masks secrets in messages and in stack traces. */
class LogRedactionTest {

  private static final String CANARY = "CANARY-db-password-7f3a";

  @AfterEach
  void reset() {
    LogRedaction.install(new Redactor(List.of()));
    MDC.clear();
  }

  @Test
  void productionLayout_masksKnownSecretsAndTokenShapes() throws JoranException {
    LogRedaction.install(new Redactor(List.of(CANARY)));
    LoggerContext context = new LoggerContext();
    // Shares slf4j's MDC so the correlation ID appears as it does in production.
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Logger logger = attach(context, sink);

    MDC.put("correlation", "abc123");
    logger.info("connecting with password {} and token xoxb-1-2-CANARY", CANARY);
    logger.error(
        "failed",
        new IllegalStateException("login failed for " + CANARY, new RuntimeException(CANARY)));

    ch.qos.logback.core.util.StatusPrinter2 sp = new ch.qos.logback.core.util.StatusPrinter2();
    sp.print(context);
    System.err.println("LEVEL " + logger.getEffectiveLevel() + " started=" + context.isStarted());
    String output = sink.toString(StandardCharsets.UTF_8);
    assertThat(output)
        .contains("connecting with password **** and token ****")
        .contains("login failed for ****")
        .contains("correlation=abc123")
        .doesNotContain(CANARY)
        .doesNotContain("xoxb-");
    assertThat(output.lines().filter(line -> line.contains("connecting"))).hasSize(1);
  }

  private static Logger attach(LoggerContext context, ByteArrayOutputStream sink) {
    // Same pattern as the production STDERR appender, written to memory.
    String pattern =
        ((PatternLayoutEncoder)
                ((ch.qos.logback.core.ConsoleAppender<ILoggingEvent>)
                        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
                    .getEncoder())
            .getPattern();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(sink);
    appender.start();
    Logger logger = context.getLogger("test");
    logger.setAdditive(false);
    logger.addAppender(appender);
    return logger;
  }
}
