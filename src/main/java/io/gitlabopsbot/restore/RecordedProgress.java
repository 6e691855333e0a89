package io.gitlabopsbot.restore;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import java.util.function.Consumer;

/**
 * One message updated in place, with details in its thread, that reports where it was posted, so
 * the restore record can point a human at it if the bot stops.
 */
final class RecordedProgress implements Progress {

  private final Notifier notifier;
  private final String channel;
  private final Consumer<MessageRef> posted;
  private MessageRef ref;

  RecordedProgress(Notifier notifier, String channel, Consumer<MessageRef> posted) {
    this.notifier = notifier;
    this.channel = channel;
    this.posted = posted;
  }

  @Override
  public synchronized void update(Message message) {
    if (ref == null) {
      ref = notifier.post(channel, message);
      posted.accept(ref);
    } else {
      notifier.update(ref, message);
    }
  }

  @Override
  public synchronized void detail(Message message) {
    if (ref == null) {
      update(Message.of(message.text()));
    }
    notifier.reply(ref, message);
  }
}
