package io.gitlabopsbot.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellQuotingTest {

  @Test
  void quote_singleQuote_isClosedEscapedAndReopened() {
    assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellQuoting.quote("")).isEqualTo("''");
  }

  @Test
  void commandLine_sudoOnlyForRootCommandsWhenConfigured() {
    assertThat(ShellQuoting.commandLine(RemoteCommand.asRoot("gitlab-ctl", "status"), true))
        .isEqualTo("sudo -n -- 'gitlab-ctl' 'status'");
    assertThat(ShellQuoting.commandLine(RemoteCommand.asRoot("gitlab-ctl", "status"), false))
        .isEqualTo("'gitlab-ctl' 'status'");
    assertThat(ShellQuoting.commandLine(RemoteCommand.of("df", "-h"), true)).isEqualTo("'df' '-h'");
  }

  @Test
  void remoteCommand_withNulCharacter_isRejected() {
    assertThatThrownBy(() -> RemoteCommand.of("echo", "a\0b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void remoteCommand_toString_hidesStdin() {
    RemoteCommand command =
        RemoteCommand.asRoot("tee", "/etc/gitlab/gitlab-secrets.json")
            .withStdin("{\"db_key_base\":\"abc\"}".getBytes());

    assertThat(command.toString())
        .contains("tee")
        .contains("21 bytes of stdin")
        .doesNotContain("db_key_base");
  }
}
