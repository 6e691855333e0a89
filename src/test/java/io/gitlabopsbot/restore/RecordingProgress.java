package io.gitlabopsbot.restore;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import java.util.ArrayList;
import java.util.List;

/** Keeps every update and thread detail, as the one Slack message and its thread show them. */
final class RecordingProgress implements Progress {

  private final List<String> updates = new ArrayList<>();
  private final List<String> details = new ArrayList<>();

  @Override
  public synchronized void update(Message message) {
    updates.add(text(message));
  }

  @Override
  public synchronized void detail(Message message) {
    details.add(text(message));
  }

  synchronized List<String> updates() {
    return List.copyOf(updates);
  }

  synchronized List<String> details() {
    return List.copyOf(details);
  }

  synchronized String last() {
    return updates.isEmpty() ? "" : updates.get(updates.size() - 1);
  }

  private static String text(Message message) {
    StringBuilder all = new StringBuilder(message.text());
    for (Block block : message.blocks()) {
      if (block instanceof Block.Section s) {
        all.append('\n').append(s.markdown());
      } else if (block instanceof Block.Code c) {
        all.append('\n').append(c.text());
      }
    }
    return all.toString();
  }
}
