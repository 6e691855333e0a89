package io.gitlabopsbot.command;

import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;

/** Progress shown as one message that is updated in place, with details in its thread. */
public final class NotifierProgress implements Progress {

  private final Notifier notifier;
  private final String channel;
  private final java.util.function.Consumer<MessageRef> onPosted;
  private MessageRef ref;

  public NotifierProgress(Notifier notifier, String channel) {
    this(notifier, channel, null, posted -> {});
  }

  /**
   * Progress that continues an existing message (e.g. after a restart) or posts one and reports
   * where, so its owner can find it again.
   *
   * @param existing the message to update, or null to post a new one on the first update
   * @param onPosted told where the message was posted, once
   */
  public NotifierProgress(
      Notifier notifier,
      String channel,
      MessageRef existing,
      java.util.function.Consumer<MessageRef> onPosted) {
    this.notifier = notifier;
    this.channel = channel;
    this.ref = existing;
    this.onPosted = onPosted;
  }

  @Override
  public synchronized void update(Message message) {
    if (ref == null) {
      ref = notifier.post(channel, message);
      onPosted.accept(ref);
    } else {
      notifier.update(ref, message);
    }
  }

  @Override
  public synchronized void detail(Message message) {
    if (ref == null) {
      ref = notifier.post(channel, Message.of(message.text()));
      onPosted.accept(ref);
    }
    notifier.reply(ref, message);
  }
}
