package io.gitlabopsbot.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link RemoteHost} over JSch. Host keys are checked strictly against the pinned known_hosts file
 * only; commands are sent as single-quoted argument lists. One SSH session serves all calls and is
 * reopened when it was lost. A streamed file holds back the session's transport while its reader is
 * slow, so run commands on the same host after the stream, not during it.
 */
public final class JschRemoteHost implements RemoteHost {

  private static final int FILE_ERROR_CHARS = 2 * 1024;
  // Streams move gigabytes: with JSch's 16 KiB packets the per-packet work (decryption set-up,
  // window bookkeeping, handing over) doubled the CPU time of a read; 128 KiB packets in an 8 MiB
  // window halve it. The window is no buffer of ours: when the reader is slow, the ring buffer of
  // RemoteFileStream fills and the transport waits, whatever the window.
  static final JschCommand.ChannelSize FILE_CHANNEL =
      new JschCommand.ChannelSize(8 * 1024 * 1024, 128 * 1024);

  private final SshSettings settings;
  private final JschSessions sessions;
  private final String where;
  private Session session;

  public JschRemoteHost(SshSettings settings) {
    this.settings = settings;
    this.sessions = new JschSessions(settings);
    this.where = settings.user() + "@" + settings.address();
  }

  @Override
  public CommandResult run(RemoteCommand command, Duration timeout, OutputListener listener) {
    CommandOutput output = new CommandOutput(listener, JschCommand.TAIL_CHARS);
    Started started =
        start(command, output.stream(), output.stream(), JschCommand.ChannelSize.COMMAND);
    return JschCommand.await(started.session(), started.channel(), output, timeout, where);
  }

  @Override
  public CommandResult run(RemoteCommand command, OutputListener listener) {
    return run(command, settings.defaultCommandTimeout(), listener);
  }

  @Override
  public InputStream open(String path) {
    return stream(path, RemoteCommand.asRoot("cat", "--", path));
  }

  @Override
  public long size(String path) {
    CommandResult result =
        run(
            RemoteCommand.asRoot("stat", "--format=%s", "--", path),
            settings.readIdleTimeout(),
            OutputListener.ignore());
    if (!result.succeeded()) {
      throw new SshException.RemoteFileFailed(
          "cannot get the size of "
              + path
              + " on "
              + where
              + ": the command "
              + result.summary()
              + " ("
              + lastLine(result.tail())
              + ")",
          null);
    }
    try {
      return Long.parseLong(result.tail().strip());
    } catch (NumberFormatException e) {
      throw new SshException.RemoteFileFailed(
          "stat on " + where + " printed no size for " + path + ": " + lastLine(result.tail()), e);
    }
  }

  @Override
  public String readText(String path, int maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    // One byte more than allowed tells "exactly maxBytes" from "larger".
    RemoteCommand head =
        RemoteCommand.asRoot("head", "-c", Long.toString(maxBytes + 1L), "--", path);
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    try (InputStream in = stream(path, head)) {
      in.transferTo(content);
    } catch (IOException e) {
      throw new SshException.RemoteFileFailed(
          "cannot read " + path + " on " + where + ": " + e.getMessage(), e);
    }
    if (content.size() > maxBytes) {
      throw new SshException.RemoteFileFailed(
          path + " on " + where + " is larger than " + maxBytes + " bytes; it was not read", null);
    }
    return content.toString(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.disconnect();
      session = null;
    }
  }

  private InputStream stream(String path, RemoteCommand command) {
    CommandOutput errors = new CommandOutput(OutputListener.ignore(), FILE_ERROR_CHARS);
    RemoteFileStream stream =
        new RemoteFileStream(
            "reading " + path + " on " + where, settings.readIdleTimeout(), errors);
    Started started = start(command, stream.sink(), errors.stream(), FILE_CHANNEL);
    stream.attach(started.session(), started.channel());
    return stream;
  }

  /** Starts a command; a lost session is reopened once, before anything ran on the host. */
  private Started start(
      RemoteCommand command, OutputStream out, OutputStream err, JschCommand.ChannelSize size) {
    String line = ShellQuoting.commandLine(command, settings.useSudo());
    Session current = session();
    try {
      return new Started(current, open(current, line, command, out, err, size));
    } catch (JSchException first) {
      if (current.isConnected()) {
        throw new SshException(
            "cannot start a command on "
                + where
                + ": "
                + first.getMessage()
                + "; the host may limit sessions (MaxSessions) or be overloaded",
            first);
      }
      Session fresh = reconnect(current);
      try {
        return new Started(fresh, open(fresh, line, command, out, err, size));
      } catch (JSchException second) {
        throw new SshException(
            "cannot start a command on " + where + " after reconnecting: " + second.getMessage(),
            second);
      }
    }
  }

  private ChannelExec open(
      Session on,
      String line,
      RemoteCommand command,
      OutputStream out,
      OutputStream err,
      JschCommand.ChannelSize size)
      throws JSchException {
    return JschCommand.start(on, line, command.stdin(), out, err, settings.connectTimeout(), size);
  }

  private synchronized Session session() {
    if (session == null || !session.isConnected()) {
      session = sessions.open();
    }
    return session;
  }

  private synchronized Session reconnect(Session lost) {
    if (session == lost) {
      lost.disconnect();
      session = sessions.open();
    }
    return session();
  }

  private static String lastLine(String tail) {
    String stripped = tail.strip();
    int newline = stripped.lastIndexOf('\n');
    return newline < 0 ? stripped : stripped.substring(newline + 1);
  }

  private record Started(Session session, ChannelExec channel) {}
}
