package io.gitlabopsbot.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JschRemoteHostFaultTest {

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
  void run_whenCommandOutlivesTimeout_isTimedOutWithinTheBound() {
    long started = System.nanoTime();

    CommandResult result =
        host.run(
            RemoteCommand.of("sh", "-c", "echo waiting; sleep 30"),
            Duration.ofMillis(500),
            lines::add);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(result).isEqualTo(new CommandResult.TimedOut(Duration.ofMillis(500), "waiting"));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary()).contains("may still run on the host");
  }

  @Test
  void run_afterTimeout_connectionStillServesCommands() {
    host.run(RemoteCommand.of("sleep", "30"), Duration.ofMillis(300), lines::add);

    assertThat(host.run(RemoteCommand.of("echo", "next"), lines::add))
        .isEqualTo(new CommandResult.Exited(0, "next", false));
  }

  @Test
  void run_whenConnectionDropsMidCommand_isDisconnectedAndNextCallReconnects() {
    CompletableFuture<CommandResult> running =
        CompletableFuture.supplyAsync(
            () ->
                host.run(
                    RemoteCommand.of("sh", "-c", "echo started; sleep 30"),
                    Duration.ofSeconds(20),
                    lines::add));
    await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("started"));

    server.dropAllSessions();

    CommandResult result = running.orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(result).isInstanceOf(CommandResult.Disconnected.class);
    assertThat(((CommandResult.Disconnected) result).reason()).contains("dropped");
    assertThat(result.tail()).isEqualTo("started");
    assertThat(result.succeeded()).isFalse();
    assertThat(host.run(RemoteCommand.of("echo", "again"), lines::add).succeeded()).isTrue();
    assertThat(server.sessionsOpened).hasValue(2);
  }

  @Test
  void run_whenChannelClosesWithoutExitStatus_isNotSuccess() {
    server.override = command -> command.contains("vanish") ? new VanishingCommand() : null;

    CommandResult result = host.run(RemoteCommand.of("vanish"), lines::add);

    assertThat(result).isInstanceOf(CommandResult.Disconnected.class);
    assertThat(((CommandResult.Disconnected) result).reason()).contains("without");
    assertThat(result.tail()).isEqualTo("partial output");
    assertThat(result.succeeded()).isFalse();
  }

  /** Writes a line, then closes the channel without sending an exit status. */
  private static final class VanishingCommand implements Command {
    private OutputStream out;

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {}

    @Override
    public void setExitCallback(ExitCallback exit) {}

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      out.write("partial output\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      channel.close(false);
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
