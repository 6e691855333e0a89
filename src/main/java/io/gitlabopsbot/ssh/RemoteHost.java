package io.gitlabopsbot.ssh;

import java.io.InputStream;
import java.time.Duration;

/**
 * A host reached over SSH (an Omnibus GitLab server): runs commands and reads files there. One
 * connection is opened on first use and reused for the following calls; {@link #close()} ends it.
 *
 * <p>Connection problems (unknown or changed host key, rejected client key, unreachable host) are
 * thrown as {@link SshException} subtypes; what happens to a command once it runs is a {@link
 * CommandResult}.
 */
public interface RemoteHost extends AutoCloseable {

  /**
   * Runs {@code command} and waits at most {@code timeout} for its exit status. Each output line
   * (stdout and stderr) goes to {@code output} as it arrives; the last lines are kept in the
   * result.
   */
  CommandResult run(RemoteCommand command, Duration timeout, OutputListener output);

  /** {@link #run(RemoteCommand, Duration, OutputListener)} with the configured default timeout. */
  CommandResult run(RemoteCommand command, OutputListener output);

  /**
   * Streams a remote file, read as root (through {@code sudo} when configured): the files the bot
   * reads, backups and {@code /etc/gitlab}, are root-only. Memory use is bounded whatever the size.
   * {@code read} throws an {@link java.io.IOException} instead of reporting the end of the stream
   * when the remote read did not end successfully, so a cut transfer never looks complete. Close
   * the stream when done; closing early stops the remote read.
   */
  InputStream open(String path);

  /**
   * The size in bytes of a remote file, read as root.
   *
   * @throws SshException.RemoteFileFailed when the file cannot be examined (e.g. it does not exist)
   */
  long size(String path);

  /**
   * The content of a small remote text file, read as root.
   *
   * @throws SshException.RemoteFileFailed when it cannot be read or is larger than {@code maxBytes}
   */
  String readText(String path, int maxBytes);

  /** Ends the connection; a running stream or command is cut. */
  @Override
  void close();
}
