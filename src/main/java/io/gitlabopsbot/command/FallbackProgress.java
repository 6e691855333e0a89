package io.gitlabopsbot.command;

import io.gitlabopsbot.message.Message;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress in the channel, falling back to a private reply to the requester when the channel cannot
 * be posted to (typically: the bot was not invited). Work must never go unreported just because its
 * progress message could not be shown.
 */
public final class FallbackProgress implements Progress {

  private static final Logger log = LoggerFactory.getLogger(FallbackProgress.class);

  private final Progress channel;
  private final Consumer<Message> privately;
  private boolean fellBack;

  /**
   * @param privately delivers a message only the requester sees (Slack's response_url)
   */
  public FallbackProgress(Progress channel, Consumer<Message> privately) {
    this.channel = channel;
    this.privately = privately;
  }

  @Override
  public synchronized void update(Message message) {
    deliver(message, true);
  }

  @Override
  public synchronized void detail(Message message) {
    deliver(message, false);
  }

  private void deliver(Message message, boolean update) {
    if (!fellBack) {
      try {
        if (update) {
          channel.update(message);
        } else {
          channel.detail(message);
        }
        return;
      } catch (RuntimeException e) {
        fellBack = true;
        log.warn(
            "progress could not be posted in the channel; replying privately [reason={}]",
            e.getMessage());
        privately.accept(
            Message.of(
                ":warning: I could not post progress in this channel ("
                    + e.getMessage()
                    + "). I will send updates here, visible only to you."));
      }
    }
    privately.accept(message);
  }
}
