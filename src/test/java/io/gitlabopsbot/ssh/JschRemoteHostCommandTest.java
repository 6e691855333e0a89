package io.gitlabopsbot.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JschRemoteHostCommandTest {

  @TempDir Path directory;
  private TestSshServer server;
  private JschRemoteHost host;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new TestSshServer(directory);
    host = new JschRemoteHost(server.settings(true));
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
    server.close();
  }

  @Test
  void run_whenCommandSucceeds_streamsEachLineAndKeepsTheTail() {
    CommandResult result =
        host.run(RemoteCommand.of("sh", "-c", "echo one; echo two; printf three"), lines::add);

    assertThat(result).isEqualTo(new CommandResult.Exited(0, "one\ntwo\nthree", false));
    assertThat(result.succeeded()).isTrue();
    assertThat(lines).containsExactly("one", "two", "three");
  }

  @Test
  void run_stderrLines_reachTheListenerAndTheTail() {
    // stdout and stderr travel separately, so only membership is certain, not the order.
    CommandResult result =
        host.run(RemoteCommand.of("sh", "-c", "echo out; echo err >&2"), lines::add);

    assertThat(lines).containsExactlyInAnyOrder("out", "err");
    assertThat(result.tail().lines()).containsExactlyInAnyOrder("out", "err");
  }

  @Test
  void run_hostileArguments_arriveAsOneLiteralArgumentEach() {
    Path marker = directory.resolve("pwned");
    List<String> hostile =
        List.of("'; rm -rf / #", "$(touch " + marker + ")", "`id`", "a\nb", "", "it's", "*");
    RemoteCommand command =
        new RemoteCommand(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("printf", "[%s]"), hostile.stream())
                .toList(),
            false,
            null);

    CommandResult result = host.run(command, lines::add);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.tail())
        .isEqualTo("['; rm -rf / #][$(touch " + marker + ")][`id`][a\nb][][it's][*]");
    assertThat(marker).doesNotExist();
  }

  @Test
  void run_whenCommandFails_returnsItsExitStatus() {
    CommandResult result =
        host.run(RemoteCommand.of("sh", "-c", "echo 'it broke' >&2; exit 3"), lines::add);

    assertThat(result).isEqualTo(new CommandResult.Exited(3, "it broke", false));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary()).contains("status 3");
  }

  @Test
  void run_withStdin_feedsItAndEndsIt() throws Exception {
    Path target = directory.resolve("gitlab.rb");
    byte[] content = "external_url 'https://gitlab.example.com'\n".getBytes(StandardCharsets.UTF_8);

    CommandResult result =
        host.run(
            RemoteCommand.asRoot("tee", target.toString()).withStdin(content),
            OutputListener.ignore());

    assertThat(result.succeeded()).isTrue();
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  @Test
  void run_whenDiskIsFull_reportsNoSpaceLeft() {
    // /dev/full fails every write with ENOSPC, like a full disk.
    CommandResult result =
        host.run(RemoteCommand.asRoot("tee", "/dev/full").withStdin("data".getBytes()), lines::add);

    assertThat(result).isInstanceOf(CommandResult.Exited.class);
    CommandResult.Exited exited = (CommandResult.Exited) result;
    assertThat(exited.exitCode()).isNotZero();
    assertThat(exited.noSpaceLeft()).isTrue();
    assertThat(result.summary()).contains("ran out of disk space");
  }

  @Test
  void run_asRootWithSudo_prefixesSudoNonInteractive() throws Exception {
    CommandResult result = host.run(RemoteCommand.asRoot("echo", "x y"), lines::add);

    assertThat(result.succeeded()).isTrue();
    assertThat(server.commands).containsExactly("sudo -n -- 'echo' 'x y'");
    assertThat(Files.readAllLines(server.sudoLog)).containsExactly("-n -- echo x y");
    assertThat(lines).containsExactly("x y");
  }

  @Test
  void run_asUser_neverUsesSudo() {
    host.run(RemoteCommand.of("true"), lines::add);

    assertThat(server.commands).containsExactly("'true'");
    assertThat(server.sudoLog).doesNotExist();
  }

  @Test
  void run_asRootWithoutSudo_sendsThePlainCommand() throws Exception {
    try (JschRemoteHost asRootUser = new JschRemoteHost(server.settings(false))) {
      asRootUser.run(RemoteCommand.asRoot("true"), lines::add);
    }

    assertThat(server.commands).containsExactly("'true'");
  }

  @Test
  void run_severalCommands_reuseOneConnection() {
    host.run(RemoteCommand.of("true"), lines::add);
    host.run(RemoteCommand.of("true"), lines::add);
    host.run(RemoteCommand.of("true"), lines::add);

    assertThat(server.sessionsOpened).hasValue(1);
  }

  @Test
  void run_whenListenerThrows_stillReturnsTheResult() {
    CommandResult result =
        host.run(
            RemoteCommand.of("sh", "-c", "echo a; echo b"),
            line -> {
              throw new IllegalStateException("slack is down");
            });

    assertThat(result).isEqualTo(new CommandResult.Exited(0, "a\nb", false));
  }
}
