package io.gitlabopsbot.message;

import java.util.Objects;

/**
 * Posts to {@code primary} (Slack, whose message references are kept: buttons and later updates
 * refer to them) and shows the same messages on {@code mirror} (the terminal of a CLI run).
 */
public final class MirroredNotifier implements Notifier {

  private final Notifier primary;
  private final Notifier mirror;

  public MirroredNotifier(Notifier primary, Notifier mirror) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.mirror = Objects.requireNonNull(mirror, "mirror");
  }

  @Override
  public MessageRef post(String channel, Message message) {
    MessageRef ref = primary.post(channel, message);
    mirror.post(ref.channel(), message);
    return ref;
  }

  @Override
  public void update(MessageRef ref, Message message) {
    primary.update(ref, message);
    mirror.update(ref, message);
  }

  @Override
  public MessageRef reply(MessageRef parent, Message message) {
    MessageRef ref = primary.reply(parent, message);
    mirror.reply(parent, message);
    return ref;
  }
}
