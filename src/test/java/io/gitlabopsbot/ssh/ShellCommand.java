package io.gitlabopsbot.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** Runs the command string received over SSH with {@code /bin/sh -c}, as sshd does. */
final class ShellCommand implements Command {

  private final String command;
  private final Path directory;
  private final Map<String, String> environment;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;
  private volatile Process process;

  ShellCommand(String command, Path directory, Map<String, String> environment) {
    this.command = command;
    this.directory = directory;
    this.environment = environment;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback exit) {
    this.exit = exit;
  }

  @Override
  public void start(ChannelSession channel, Environment env) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", command).directory(directory.toFile());
    builder.environment().putAll(environment);
    process = builder.start();
    pump(in, process.getOutputStream(), true);
    Thread stdout = pump(process.getInputStream(), out, false);
    Thread stderr = pump(process.getErrorStream(), err, false);
    Thread waiter =
        new Thread(
            () -> {
              try {
                int code = process.waitFor();
                stdout.join();
                stderr.join();
                exit.onExit(code);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "test-sshd-wait");
    waiter.setDaemon(true);
    waiter.start();
  }

  @Override
  public void destroy(ChannelSession channel) {
    Process running = process;
    if (running != null) {
      running.descendants().forEach(ProcessHandle::destroyForcibly);
      running.destroyForcibly();
    }
  }

  private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[32 * 1024];
              try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException e) {
                // The channel or the process went away: the test decides what that means.
              } finally {
                if (closeTarget) {
                  try {
                    to.close();
                  } catch (IOException ignored) {
                    // Nothing left to close.
                  }
                }
              }
            },
            "test-sshd-pump");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
