package io.gitlabopsbot;

import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.scheduling.BotJobFactory;
import io.gitlabopsbot.web.HttpFront;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One part of the bot (backups, restores, alerts …) as the composition root sees it. Both {@code
 * serve} and {@code run} build the same list of capabilities ({@link Capabilities}); what each
 * contributes is collected in one place, so the two ways of running the bot cannot drift apart.
 * Only {@code serve} opens routes, starts the scheduler and runs sweeps.
 */
interface Capability extends AutoCloseable {

  /** Its commands, in the order {@code help} lists them. */
  List<CommandRegistration> commands();

  /**
   * What happens once a request of each approval kind it raises is approved. Each handler returns
   * at once; long work goes to a background executor.
   */
  default Map<String, Consumer<ApprovalRequest>> approvalKinds() {
    return Map.of();
  }

  /** Adds its Quartz jobs to the one scheduler's job factory. */
  default BotJobFactory jobs(BotJobFactory jobs) {
    return jobs;
  }

  /** Opens its HTTP routes on the public listener (serve only). */
  default void routes(HttpFront http) {}

  /** Its periodic work (serve only), run guarded on the shared sweep executor. */
  default List<Sweep> sweeps() {
    return List.of();
  }

  /** Starts what runs in the background once the bot serves (after routes and scheduler). */
  default void start() {}

  /** Stops its own threads; shared clients are closed by {@link Core}. Never throws. */
  @Override
  default void close() {}
}
