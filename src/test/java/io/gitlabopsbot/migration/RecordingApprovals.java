package io.gitlabopsbot.migration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Step approvals as the engine sees them: each ask gets a new ID; a test grants one, and a granted
 * approval can be claimed once. (The approval capability itself is tested on its own.)
 */
final class RecordingApprovals implements StepApprovals {

  final List<String> asked = new ArrayList<>();
  private final Set<String> granted = new HashSet<>();

  @Override
  public synchronized String ask(MigrationRun run, StepProcedure step, String causedBy) {
    String id = "appr-" + run.id() + "-" + step.id() + "-" + asked.size();
    asked.add(id);
    return id;
  }

  synchronized void grant(String id) {
    granted.add(id);
  }

  @Override
  public synchronized boolean claim(String approvalId, MigrationRun run, StepProcedure step) {
    return approvalId.startsWith("appr-" + run.id() + "-" + step.id() + "-")
        && granted.remove(approvalId);
  }

  synchronized String last() {
    return asked.get(asked.size() - 1);
  }
}
