package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import java.util.ArrayList;
import java.util.List;

/** Keeps every update and thread detail, as the run's Slack message and thread would show them. */
final class RecordingProgress implements Progress {

  private final List<String> updates = new ArrayList<>();
  private final List<String> details = new ArrayList<>();

  @Override
  public synchronized void update(Message message) {
    updates.add(message.text());
  }

  @Override
  public synchronized void detail(Message message) {
    StringBuilder text = new StringBuilder(message.text());
    for (Block block : message.blocks()) {
      if (block instanceof Block.Code code) {
        text.append('\n').append(code.text());
      }
    }
    details.add(text.toString());
  }

  synchronized List<String> details() {
    return List.copyOf(details);
  }

  synchronized String last() {
    return updates.isEmpty() ? "" : updates.get(updates.size() - 1);
  }
}
