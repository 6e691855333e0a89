package io.gitlabopsbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

  private final SecretScrubber scrubber = new SecretScrubber(List.of("hunter2", "", "  "));

  @Test
  void scrub_whenChainMentionsSecret_masksItAndKeepsTypesAndStack() {
    SQLException root = new SQLException("login with password hunter2 rejected");
    RuntimeException wrapper = new IllegalStateException("pool failed", root);

    Throwable scrubbed = scrubber.scrub(wrapper);

    StringWriter text = new StringWriter();
    scrubbed.printStackTrace(new PrintWriter(text));
    assertThat(text.toString())
        .doesNotContain("hunter2")
        .contains("java.lang.IllegalStateException: pool failed")
        .contains("java.sql.SQLException: login with password **** rejected");
    assertThat(scrubbed.getStackTrace()).isEqualTo(wrapper.getStackTrace());
  }

  @Test
  void scrub_whenChainIsClean_returnsTheSameThrowable() {
    RuntimeException clean = new IllegalStateException("refused", new SQLException("no route"));

    assertThat(scrubber.scrub(clean)).isSameAs(clean);
  }

  @Test
  void scrub_whenSuppressedExceptionsFormACycle_endsAndStillMasks() {
    RuntimeException outer = new RuntimeException("pool could not connect");
    RuntimeException inner = new RuntimeException("lock held", outer);
    outer.addSuppressed(inner);
    inner.addSuppressed(outer);
    RuntimeException leaking = new RuntimeException("password CANARY-pw-1", inner);
    inner.addSuppressed(leaking);
    SecretScrubber scrubber = new SecretScrubber(List.of("CANARY-pw-1"));

    assertThat(scrubber.scrub(outer)).isNotSameAs(outer);
    assertThat(scrubber.scrub(inner).toString()).doesNotContain("CANARY");
    assertThat(new SecretScrubber(List.of("absent")).scrub(outer)).isSameAs(outer);
  }

  @Test
  void scrub_text_masksEveryOccurrence() {
    assertThat(scrubber.scrub("hunter2 and hunter2")).isEqualTo("**** and ****");
    assertThat(scrubber.scrub((String) null)).isNull();
  }
}
