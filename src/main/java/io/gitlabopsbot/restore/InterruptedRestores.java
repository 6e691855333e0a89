package io.gitlabopsbot.restore;

import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.command.Targets;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds restores whose bot process stopped mid-way (their heartbeat went stale), marks them Unknown
 * and asks a human what to do, with the recorded replica counts and the exact commands to scale
 * back. It never runs them again.
 */
public final class InterruptedRestores {

  private static final Logger log = LoggerFactory.getLogger(InterruptedRestores.class);

  private final RestoreOperations operations;
  private final Approvals approvals;
  private final Notifier notifier;
  private final String channel;
  private final Targets targets;
  private final Clock clock;
  private final Duration staleAfter;

  /**
   * @param channel the notification channel, or null when none is configured
   */
  public InterruptedRestores(
      RestoreOperations operations,
      Approvals approvals,
      Notifier notifier,
      String channel,
      Targets targets,
      Clock clock,
      Duration staleAfter) {
    this.operations = operations;
    this.approvals = approvals;
    this.notifier = notifier;
    this.channel = channel;
    this.targets = targets;
    this.clock = clock;
    this.staleAfter = staleAfter;
  }

  /** Marks and reports interrupted restores; returns how many this call marked. */
  public int sweep() {
    List<RestoreOperation> marked = operations.markStaleUnknown(clock.instant().minus(staleAfter));
    for (RestoreOperation op : marked) {
      log.warn("restore {} of {} was interrupted in phase {}", op.id(), op.target(), op.phase());
      Message notice = notice(op);
      boolean told = false;
      if (op.hasMessage()) {
        told |=
            tell(
                () -> notifier.update(new MessageRef(op.messageChannel(), op.messageTs()), notice));
      }
      if (channel != null) {
        told |= tell(() -> notifier.post(channel, notice));
      }
      if (!told) {
        log.error(
            "nobody could be told that restore {} was interrupted: {}", op.id(), notice.text());
      }
      if (op.approvalId() != null) {
        tell(
            () ->
                approvals.complete(
                    op.approvalId(), "unknown: interrupted in phase " + op.phase().label()));
      }
    }
    return marked.size();
  }

  Message notice(RestoreOperation op) {
    String release = targets.find(op.target()).map(TargetSettings::helmRelease).orElse("<release>");
    String ns = op.namespace();
    Message.Builder message =
        Message.builder("Restore of " + op.target() + " interrupted: state Unknown")
            .section(
                ":warning: Restore of `"
                    + op.target()
                    + "` from `"
                    + op.backupId()
                    + "` (requested by "
                    + RestoreTexts.user(op.requesterId())
                    + ", reference `"
                    + op.correlationId()
                    + "`) was interrupted: the bot stopped during phase *"
                    + op.phase().label()
                    + "*. Its state is *Unknown* and the bot will not run it again by itself. A"
                    + " human must decide what to do.");
    if (op.jobName() != null) {
      message.section(
          "The restore Job may still be running. Check it first: `kubectl -n "
              + ns
              + " get job "
              + op.jobName()
              + "` and `kubectl -n "
              + ns
              + " logs job/"
              + op.jobName()
              + "`. Scaling back while it restores lets GitLab work on half-restored data.");
    }
    if (op.replicas().isEmpty()) {
      message.section(
          "Nothing had been scaled down yet. Check that no pre-restore backup Job is still running:"
              + " `kubectl -n "
              + ns
              + " get jobs -l gitlab-ops-bot/operation=backup`.");
    } else {
      message
          .section(
              "Replica counts recorded before scaling down: "
                  + RestoreTexts.counts(op.replicas())
                  + ". If GitLab is still scaled down, scale it back:")
          .code(RestoreTexts.scaleBackCommands(ns, op.replicas()));
    }
    return message
        .section(
            "Then restart the pods so they load the data (`kubectl -n "
                + ns
                + " delete pod -l app=webservice,release="
                + release
                + "`, and app=sidekiq, app=toolbox), or run `/gitlab restore "
                + op.backupId()
                + "` again (it needs a new approval).")
        .build();
  }

  private static boolean tell(Runnable action) {
    try {
      action.run();
      return true;
    } catch (RuntimeException e) {
      log.warn("could not report an interrupted restore", e);
      return false;
    }
  }
}
