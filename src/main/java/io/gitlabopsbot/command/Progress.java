package io.gitlabopsbot.command;

import io.gitlabopsbot.message.Message;

/** Reports the progress of long work: one message updated in place, details in its thread. */
public interface Progress {

  /** Shows {@code message} as the current state (posts it the first time, then updates it). */
  void update(Message message);

  /** Adds a detail (log tail, list, warning) in the thread of the progress message. */
  void detail(Message message);

  /** For quick commands that have no progress message. */
  Progress NONE =
      new Progress() {
        @Override
        public void update(Message message) {}

        @Override
        public void detail(Message message) {}
      };
}
