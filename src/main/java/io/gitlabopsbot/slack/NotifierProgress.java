package io.gitlabopsbot.slack;

import io.gitlabopsbot.command.Progress;

/** Progress shown as one message that is updated in place, with details in its thread. */
public final class NotifierProgress implements Progress {

  private final Notifier notifier;
  private final String channel;
  private MessageRef ref;

  public NotifierProgress(Notifier notifier, String channel) {
    this.notifier = notifier;
    this.channel = channel;
  }

  @Override
  public synchronized void update(Message message) {
    if (ref == null) {
      ref = notifier.post(channel, message);
    } else {
      notifier.update(ref, message);
    }
  }

  @Override
  public synchronized void detail(Message message) {
    if (ref == null) {
      ref = notifier.post(channel, Message.of(message.text()));
    }
    notifier.reply(ref, message);
  }
}
