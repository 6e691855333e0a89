package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.message.Message;
import java.util.ArrayList;
import java.util.List;

/** Keeps every update and detail, as the single Slack message and its thread would show them. */
final class RecordingProgress implements Progress {

  private final List<String> updates = new ArrayList<>();
  private final List<String> details = new ArrayList<>();

  @Override
  public synchronized void update(Message message) {
    updates.add(message.text());
  }

  @Override
  public synchronized void detail(Message message) {
    details.add(
        message.text()
            + message.blocks().stream()
                .filter(b -> b instanceof io.gitlabopsbot.message.Block.Code)
                .map(Object::toString)
                .reduce("", String::concat));
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

  /** The phase named in each update, consecutive repeats folded. */
  synchronized List<String> phases() {
    List<String> phases = new ArrayList<>();
    for (String update : updates) {
      for (BackupPhase phase : BackupPhase.values()) {
        if (update.contains("*" + phase.label() + "*")) {
          if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase.label())) {
            phases.add(phase.label());
          }
        }
      }
    }
    return phases;
  }
}
