package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.DeliveryException;
import io.gitlabopsbot.message.Notifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts accepted alerts from the inbox to Slack: one parent per alert group and channel, updated in
 * place as the group changes, a storm digest when many groups open at once, paced per channel, and
 * each row marked delivered only after Slack accepted it, so nothing is lost when Slack or the bot
 * is down. A failed step is retried with exponential backoff (1 s, 2 s, 4 s … at most 5 min) and
 * later rows of the same group wait for it.
 */
public final class AlertDelivery implements AutoCloseable {

  /**
   * Counter, tag {@code kind} (parent, update, reply, resolved): inbox rows delivered. Alias of
   * {@link AlertMetrics#DELIVERED}.
   */
  public static final String DELIVERED = AlertMetrics.DELIVERED;

  /** Counter, tag {@code reason} (Slack's error code, ratelimited, store): rows that failed. */
  public static final String FAILED = AlertMetrics.DELIVERY_FAILED;

  /** How often the scheduled loop runs a pass. */
  public static final Duration TICK = Duration.ofMillis(500);

  /** More groups than this opening in one channel within a minute get a storm digest. */
  public static final int DEFAULT_DIGEST_ABOVE = 5;

  /** Undelivered groups read per pass, at most. */
  static final int READ_GROUPS = 1000;

  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);

  private final JdbcAlertInbox inbox;
  private final ChannelPacer pacer;
  private final Clock clock;
  private final MeterRegistry registry;
  private final JdbcAlertDigests digests;
  private final AlertDeliveryPlanner planner;
  private final AlertDeliverySender sender;
  private final Object passLock = new Object();
  private ScheduledFuture<?> loop;
  // Touched only by the loop's passes, which never overlap (fixed delay).
  private boolean passesFailing;

  public AlertDelivery(
      JdbcAlertInbox inbox,
      Notifier notifier,
      ChannelPacer pacer,
      Clock clock,
      MeterRegistry registry,
      int digestAbove) {
    this(inbox, notifier, pacer, clock, registry, digestAbove, ParentButtons.NONE);
  }

  /**
   * @param digestAbove more groups than this opening in one channel within a minute get a digest
   * @param buttons which buttons group parents get
   */
  public AlertDelivery(
      JdbcAlertInbox inbox,
      Notifier notifier,
      ChannelPacer pacer,
      Clock clock,
      MeterRegistry registry,
      int digestAbove,
      ParentButtons buttons) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.pacer = Objects.requireNonNull(pacer, "pacer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.registry = Objects.requireNonNull(registry, "registry");
    JdbcAlertGroupParents parents = new JdbcAlertGroupParents(inbox.dataSource());
    this.digests = new JdbcAlertDigests(inbox.dataSource());
    AlertDigestMessages digestMessages = new AlertDigestMessages();
    this.planner = new AlertDeliveryPlanner(inbox, parents, digests, digestMessages, digestAbove);
    this.sender =
        new AlertDeliverySender(
            notifier,
            parents,
            digests,
            new AlertGroupMessages(),
            digestMessages,
            buttons,
            new AlertActionIds(new java.security.SecureRandom()),
            clock);
    AlertMetrics.inboxGauges(registry, inbox, clock);
  }

  /**
   * One pass: reads undelivered groups and sends at most one step per channel whose pacer allows
   * it; channels with an active storm digest are visited even without new rows, so the digest
   * follows resolutions and ends.
   *
   * @return inbox rows delivered in this pass
   * @throws AlertInbox.AlertInboxUnavailableException if the inbox cannot be read
   */
  public int deliverOnce() {
    synchronized (passLock) {
      Instant now = clock.instant();
      Map<String, List<PendingGroup>> byChannel = new LinkedHashMap<>();
      for (PendingGroup group : inbox.pendingGroups(READ_GROUPS)) {
        byChannel.computeIfAbsent(group.channel(), c -> new ArrayList<>()).add(group);
      }
      for (String channel : digests.activeChannels()) {
        byChannel.computeIfAbsent(channel, c -> new ArrayList<>());
      }
      int delivered = 0;
      for (Map.Entry<String, List<PendingGroup>> channel : byChannel.entrySet()) {
        // Planning costs queries: only for channels Slack may be posted to now.
        if (!pacer.isFree(channel.getKey())) {
          continue;
        }
        delivered += deliver(channel.getKey(), channel.getValue(), now);
      }
      return delivered;
    }
  }

  /** Runs {@link #deliverOnce} every {@link #TICK} on {@code executor} until {@link #close}. */
  public synchronized void start(ScheduledExecutorService executor) {
    if (loop != null) {
      throw new IllegalStateException("alert delivery is already started");
    }
    loop = executor.scheduleWithFixedDelay(this::pass, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the loop; a pass under way finishes, undelivered rows stay in the inbox. */
  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.cancel(false);
      loop = null;
    }
  }

  private void pass() {
    // An exception would end the schedule for good; the next tick retries instead. Only the
    // first failure of a streak is a warning, so a store outage does not log twice a second.
    try {
      deliverOnce();
      if (passesFailing) {
        passesFailing = false;
        log.info("Alert delivery passes work again");
      }
    } catch (RuntimeException e) {
      if (!passesFailing) {
        passesFailing = true;
        log.warn(
            "Alert delivery pass failed; retrying every {} ms: {}",
            TICK.toMillis(),
            e.getMessage());
      } else {
        log.debug("Alert delivery pass failed again: {}", e.getMessage());
      }
    }
  }

  private int deliver(String channel, List<PendingGroup> pending, Instant now) {
    AlertDeliveryUnit unit = null;
    String kind;
    try {
      Optional<AlertDeliveryUnit> next = planner.next(channel, pending, now);
      if (next.isEmpty() || !pacer.tryAcquire(channel)) {
        return 0;
      }
      unit = next.get();
      kind = sender.send(channel, unit);
    } catch (RuntimeException e) {
      failed(channel, unit == null ? List.of() : unit.alerts(), e);
      return 0;
    }
    int marked = unit.alerts().size();
    if (marked > 0) {
      AlertMetrics.counter(registry, AlertMetrics.DELIVERED, "kind", kind).increment(marked);
    }
    return marked;
  }

  private void failed(String channel, List<PendingAlert> alerts, RuntimeException e) {
    int attempts = alerts.stream().mapToInt(PendingAlert::attempts).max().orElse(0);
    Duration wait = backoff(attempts);
    String reason = "store";
    if (e instanceof DeliveryException slack) {
      reason = slack.errorCode() == null ? "unknown" : slack.errorCode();
      if (slack.rateLimited()) {
        Duration retryAfter = AlertDeliveryRetryAfter.of(slack);
        pacer.pause(channel, retryAfter);
        AlertMetrics.counter(registry, AlertMetrics.SLACK_RATELIMITED, "channel", channel)
            .increment();
        wait = retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
      }
    }
    Instant next = clock.instant().plus(wait);
    if (!alerts.isEmpty()) {
      try {
        inbox.markAttemptsFailed(alerts.stream().map(PendingAlert::id).toList(), next);
      } catch (RuntimeException markFailed) {
        e.addSuppressed(markFailed);
      }
    }
    AlertMetrics.counter(registry, FAILED, "reason", reason).increment(Math.max(1, alerts.size()));
    log.warn(
        "Could not deliver {} alert(s) to Slack channel {} (attempt {}); retrying in {} s: {}",
        alerts.size(),
        channel,
        attempts + 1,
        wait.toSeconds(),
        e.getMessage());
  }

  /** 1 s, 2 s, 4 s … after 0, 1, 2 … failed attempts, at most {@link #MAX_BACKOFF}. */
  static Duration backoff(int attempts) {
    long seconds = 1L << Math.min(Math.max(attempts, 0), 20);
    return seconds >= MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
  }
}
