package io.gitlabopsbot.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One command on an exec channel: bounded wait, output to the listener, exit status checked. */
final class JschCommand {

  static final int TAIL_CHARS = 16 * 1024;
  private static final long POLL_MILLIS = 10;

  private JschCommand() {}

  /**
   * Opens an exec channel for {@code commandLine} with {@code stdin} (always sent and then closed,
   * so a command reading its input never waits for more).
   */
  static ChannelExec start(
      Session session,
      String commandLine,
      byte[] stdin,
      OutputStream out,
      OutputStream err,
      Duration openTimeout,
      ChannelSize size)
      throws JSchException {
    ChannelExec channel = (ChannelExec) session.openChannel("exec");
    channel.setLocalWindowSizeMax(size.windowBytes());
    channel.setLocalPacketSize(size.packetBytes());
    channel.setCommand(commandLine.getBytes(StandardCharsets.UTF_8));
    channel.setInputStream(new ByteArrayInputStream(stdin));
    channel.setOutputStream(out, false);
    channel.setErrStream(err, false);
    channel.connect(Math.toIntExact(openTimeout.toMillis()));
    return channel;
  }

  /** How much the host may send before the bot acknowledges, and the largest packet it may send. */
  record ChannelSize(int windowBytes, int packetBytes) {

    /** JSch's defaults: enough for command output. */
    static final ChannelSize COMMAND = new ChannelSize(1024 * 1024, 16 * 1024);
  }

  /** Waits for the channel to close, at most {@code timeout}, and tells how the command ended. */
  static CommandResult await(
      Session session, ChannelExec channel, CommandOutput output, Duration timeout, String where) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!channel.isClosed() && session.isConnected()) {
        if (System.nanoTime() - deadline >= 0) {
          stop(channel);
          output.finish();
          return new CommandResult.TimedOut(timeout, output.tail());
        }
        // JSch offers no completion callback: polling the channel state is its documented way.
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      // Kept so the executor running us sees the shutdown request.
      Thread.currentThread().interrupt();
      stop(channel);
      output.finish();
      return new CommandResult.Disconnected(
          "the bot stopped waiting for the command on " + where + " (shutting down)",
          output.tail());
    }
    int status = channel.getExitStatus();
    String signal = channel.getExitSignal();
    boolean connected = session.isConnected();
    channel.disconnect();
    output.finish();
    if (!connected) {
      return new CommandResult.Disconnected(
          "the SSH connection to " + where + " dropped while the command ran", output.tail());
    }
    if (signal != null) {
      return new CommandResult.Disconnected(
          "the command on " + where + " was killed by signal " + signal, output.tail());
    }
    if (status < 0) {
      return new CommandResult.Disconnected(
          "the command on " + where + " ended without reporting an exit status", output.tail());
    }
    return new CommandResult.Exited(status, output.tail(), output.noSpaceLeft());
  }

  private static void stop(ChannelExec channel) {
    try {
      channel.sendSignal("TERM");
    } catch (Exception e) {
      // Best effort: closing the channel below is what really ends our side.
    }
    channel.disconnect();
  }
}
