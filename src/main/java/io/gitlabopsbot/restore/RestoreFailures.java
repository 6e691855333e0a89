package io.gitlabopsbot.restore;

import io.gitlabopsbot.config.TargetSettings;
import java.util.List;
import java.util.Map;

/** Says, for a restore that stopped, exactly what state GitLab is in and what to do next. */
final class RestoreFailures {

  private RestoreFailures() {}

  /**
   * @param replicas the recorded replica counts (empty when not recorded yet)
   * @param stillDown Deployments that could not be scaled back, one line each
   * @param job the restore Job's name, or null when none was created
   * @param preBackup where the pre-restore backup is, or null
   */
  static RestoreOutcome.Failed describe(
      RestorePlan plan,
      RestorePhase phase,
      String reason,
      Map<String, Integer> replicas,
      List<String> stillDown,
      String job,
      String preBackup) {
    TargetSettings t = plan.target();
    String pods = "`kubectl -n " + t.namespace() + " get pods -l release=" + t.helmRelease() + "`";
    String again = "run the restore again (it needs a new approval)";
    String down =
        stillDown.isEmpty()
            ? ""
            : " These Deployments could NOT be scaled back, so GitLab may be DOWN: "
                + String.join(", ", stillDown)
                + ".";
    String scaleBack =
        stillDown.isEmpty()
            ? ""
            : " Scale them back by hand:\n```\n"
                + RestoreTexts.scaleBackCommands(t.namespace(), replicas)
                + "\n```";
    String state;
    String next;
    switch (phase) {
      case PRE_BACKUP, RECORD -> {
        state = "GitLab was not touched: nothing was scaled down or restored; it runs as before.";
        next =
            phase == RestorePhase.PRE_BACKUP
                ? "Fix the backup problem above and "
                    + again
                    + ", or accept restoring without a"
                    + " fresh backup with `--skip-pre-backup`."
                : "Check the Deployments (`kubectl -n "
                    + t.namespace()
                    + " get deploy -l release="
                    + t.helmRelease()
                    + "`) and "
                    + again
                    + ".";
      }
      case SCALE_DOWN -> {
        state =
            "The database and files were not touched. "
                + (stillDown.isEmpty()
                    ? "GitLab was scaled back to its recorded replica counts ("
                        + RestoreTexts.counts(replicas)
                        + "); its pods may take a few minutes to be Ready."
                    : down);
        next = "Check " + pods + ", fix the problem above and " + again + "." + scaleBack;
      }
      case RESTORE -> {
        state =
            "The restore stopped part-way, so the database and files may be PARTLY restored. "
                + (stillDown.isEmpty()
                    ? "GitLab was scaled back to "
                        + RestoreTexts.counts(replicas)
                        + " and runs on that data."
                    : down);
        next =
            "Keep users off GitLab until it is checked. "
                + (job == null
                    ? ""
                    : "Read the restore log: `kubectl -n "
                        + t.namespace()
                        + " logs job/"
                        + job
                        + "`. ")
                + "Fix the cause, then "
                + again
                + (preBackup == null
                    ? ", or restore an earlier backup."
                    : ", or restore the pre-restore backup `" + preBackup + "`.")
                + scaleBack;
      }
      case SCALE_UP -> {
        state = "The backup was restored, but scaling back failed." + down;
        next =
            "Scale back by hand:\n```\n"
                + RestoreTexts.scaleBackCommands(t.namespace(), replicas)
                + "\n```";
      }
      default -> {
        state =
            "The backup was restored and the replicas are back ("
                + RestoreTexts.counts(replicas)
                + "), but not every restarted pod is Ready.";
        next =
            "Check "
                + pods
                + "; look at the events and logs of pods that are not Ready. Pods that still run on"
                + " the old data must be restarted: `kubectl -n "
                + t.namespace()
                + " delete pod -l app=webservice,release="
                + t.helmRelease()
                + "` (and app=sidekiq, app=toolbox).";
      }
    }
    return new RestoreOutcome.Failed(plan, phase, reason, state, next);
  }

  /**
   * The bot lost sight of the restore Job: it may still be restoring, so GitLab was left scaled
   * down on purpose, and the person is told how to finish by hand.
   */
  static RestoreOutcome.Failed jobLost(
      RestorePlan plan, String reason, Map<String, Integer> replicas, String job) {
    TargetSettings t = plan.target();
    String state =
        "The bot lost track of the restore Job, which may still be restoring. GitLab was left"
            + " scaled DOWN on purpose: starting it while the database is being restored would let"
            + " people work on half-restored data.";
    String next =
        "Watch the Job: `kubectl -n "
            + t.namespace()
            + " get job "
            + job
            + "` and its log (`kubectl -n "
            + t.namespace()
            + " logs job/"
            + job
            + "`). When it has completed, scale back and restart by hand:\n```\n"
            + RestoreTexts.scaleBackCommands(t.namespace(), replicas)
            + "\n```\nIf it failed, keep GitLab down and run the restore again (it needs a new"
            + " approval).";
    return new RestoreOutcome.Failed(plan, RestorePhase.RESTORE, reason, state, next);
  }
}
