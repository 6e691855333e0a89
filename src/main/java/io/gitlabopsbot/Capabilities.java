package io.gitlabopsbot;

import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.command.CommandDispatcher;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.scheduling.BotJobFactory;
import io.gitlabopsbot.web.HttpFront;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one list of capabilities, built the same way for {@code serve} and {@code run}, and what they
 * contribute put together: the command catalog, the approval kinds, the Quartz jobs, the HTTP
 * routes and the sweeps. The order of the list is the order of {@code help}; they close in reverse.
 */
final class Capabilities implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Capabilities.class);

  private final Wiring wiring;
  private final Approvals approvals;
  private final List<Capability> all;
  private final AlertsCapability alerts;
  private final Map<String, Consumer<ApprovalRequest>> approvalKinds;

  private Capabilities(
      Wiring wiring, Approvals approvals, List<Capability> all, AlertsCapability alerts) {
    this.wiring = wiring;
    this.approvals = approvals;
    this.all = all;
    this.alerts = alerts;
    Map<String, Consumer<ApprovalRequest>> kinds = new HashMap<>();
    BotJobFactory jobs = BotJobFactory.none();
    for (Capability capability : all) {
      capability
          .approvalKinds()
          .forEach(
              (kind, handler) -> {
                if (kinds.putIfAbsent(kind, handler) != null) {
                  throw new IllegalStateException("two capabilities claim approval kind " + kind);
                }
              });
      jobs = capability.jobs(jobs);
    }
    this.approvalKinds = Map.copyOf(kinds);
    wiring.core().jobs(jobs);
  }

  /** Builds every capability; those another needs are built first. */
  static Capabilities build(Wiring wiring) {
    Core core = wiring.core();
    Approvals approvals =
        new Approvals(
            new JdbcApprovalStore(core.database.dataSource()),
            core.access(wiring.groups()),
            core.audit,
            core.clock);
    BackupCapability backups = new BackupCapability(wiring);
    ClusterCapability cluster = new ClusterCapability(wiring);
    RestoreCapability restores = new RestoreCapability(wiring, approvals, backups);
    StatusCapability status = new StatusCapability(core, backups);
    AlertsCapability alerts = new AlertsCapability(wiring);
    MigrationCapability migration = new MigrationCapability(wiring, approvals, restores);
    return new Capabilities(
        wiring, approvals, List.of(backups, cluster, restores, status, alerts, migration), alerts);
  }

  /** The dispatcher with the built-in commands and every capability's, in help order. */
  CommandDispatcher dispatcher() {
    List<CommandRegistration> commands = new ArrayList<>();
    all.forEach(capability -> commands.addAll(capability.commands()));
    return wiring.core().dispatcher(wiring.groups(), wiring.background(), commands);
  }

  /** The approval service every approval kind goes through. */
  Approvals approvals() {
    return approvals;
  }

  /** The alerts capability, whose buttons the Slack listeners need. */
  AlertsCapability alerts() {
    return alerts;
  }

  /**
   * Carries out an approved request with the handler of its kind; returns at once. A kind no
   * capability claims (a request left by an older bot version) is logged and left approved.
   */
  void onApproved(ApprovalRequest request) {
    Consumer<ApprovalRequest> handler = approvalKinds.get(request.subject().kind());
    if (handler == null) {
      log.warn(
          "approved request of a kind this bot does not know [approval={}, kind={}]",
          request.id(),
          request.subject().kind());
      return;
    }
    handler.accept(request);
  }

  /** Opens every capability's routes on the public listener. */
  void routes(HttpFront http) {
    all.forEach(capability -> capability.routes(http));
  }

  /**
   * Lets the bot serve: the scheduler fires, sweeps run (the approval expiry sweep for every kind
   * among them), and each capability starts its background work.
   */
  void start() {
    Core core = wiring.core();
    core.quartz().start();
    core.schedule(
        Sweep.everyMinute(
            "approval expiry sweep",
            new ApprovalNotices(approvals, new ApprovalMessages(), wiring.notifier())
                ::sweepExpired));
    all.forEach(capability -> capability.sweeps().forEach(core::schedule));
    all.forEach(Capability::start);
  }

  @Override
  public void close() {
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        all.get(i).close();
      } catch (RuntimeException e) {
        log.warn("a capability did not stop cleanly [capability={}]", all.get(i), e);
      }
    }
  }
}
