package io.gitlabopsbot.message;

/** Posts messages to people: Slack in production, the console when Slack is not configured. */
public interface Notifier {

  /** Posts a new message to a channel. */
  MessageRef post(String channel, Message message);

  /** Replaces the content of an earlier message in place. */
  void update(MessageRef ref, Message message);

  /** Posts a reply in the thread of {@code parent}. */
  MessageRef reply(MessageRef parent, Message message);
}
