package io.gitlabopsbot.command;

import io.gitlabopsbot.access.Caller;

/** Opens the progress message of a long command where its caller will see it. */
@FunctionalInterface
public interface ProgressSink {

  Progress open(Caller caller, String correlationId);
}
