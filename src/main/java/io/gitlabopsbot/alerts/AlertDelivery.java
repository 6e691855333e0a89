package io.gitlabopsbot.alerts;

import io.gitlabopsbot.slack.Notifier;
import io.gitlabopsbot.slack.SlackWebApiNotifier.SlackDeliveryException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts accepted alerts from the inbox to Slack: one thread per alert group, paced per channel,
 * bursts summarised, and each row marked delivered only after Slack accepted it, so nothing is lost
 * when Slack or the bot is down. A failed step is retried with exponential backoff (1 s, 2 s, 4 s …
 * at most 5 min) and later rows of the same thread wait for it.
 */
public final class AlertDelivery implements AutoCloseable {

  /** Counter, tag {@code kind} (parent, reply, resolved, batch): inbox rows delivered. */
  public static final String DELIVERED = "gitlabopsbot.alerts.delivered";

  /** Counter, tag {@code reason} (Slack's error code, ratelimited, store): rows that failed. */
  public static final String FAILED = "gitlabopsbot.alerts.delivery.failed";

  /** Counter: rows delivered as part of a burst summary instead of a message of their own. */
  public static final String BATCHED = "gitlabopsbot.alerts.batched";

  /** How often the scheduled loop runs a pass. */
  public static final Duration TICK = Duration.ofMillis(500);

  /** More ready rows than this for one channel are summarised in one message. */
  public static final int DEFAULT_BATCH_ABOVE = 5;

  static final int READ_LIMIT = 200;
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);

  private final JdbcAlertInbox inbox;
  private final ChannelPacer pacer;
  private final Clock clock;
  private final MeterRegistry registry;
  private final AlertDeliveryPlanner planner;
  private final AlertDeliverySender sender;
  private final Object passLock = new Object();
  private ScheduledFuture<?> loop;
  // Touched only by the loop's passes, which never overlap (fixed delay).
  private boolean passesFailing;

  public AlertDelivery(
      JdbcAlertInbox inbox,
      AlertThreads threads,
      Notifier notifier,
      ChannelPacer pacer,
      Clock clock,
      MeterRegistry registry,
      int batchAbove) {
    this(inbox, threads, notifier, pacer, clock, registry, batchAbove, ParentButtons.NONE);
  }

  /**
   * @param buttons which buttons new parents get (never burst summaries)
   */
  public AlertDelivery(
      JdbcAlertInbox inbox,
      AlertThreads threads,
      Notifier notifier,
      ChannelPacer pacer,
      Clock clock,
      MeterRegistry registry,
      int batchAbove,
      ParentButtons buttons) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.pacer = Objects.requireNonNull(pacer, "pacer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.planner = new AlertDeliveryPlanner(threads, batchAbove);
    this.sender =
        new AlertDeliverySender(
            notifier,
            threads,
            new AlertMessages(),
            buttons,
            new AlertActionIds(new java.security.SecureRandom()));
  }

  /**
   * One pass: reads due rows and sends at most one step per channel whose pacer allows it.
   *
   * @return inbox rows delivered in this pass
   * @throws AlertInbox.AlertInboxUnavailableException if the inbox cannot be read
   */
  public int deliverOnce() {
    synchronized (passLock) {
      Map<String, List<PendingAlert>> byChannel = new LinkedHashMap<>();
      for (PendingAlert alert : inbox.pending(READ_LIMIT)) {
        byChannel.computeIfAbsent(alert.channel(), c -> new ArrayList<>()).add(alert);
      }
      int delivered = 0;
      for (Map.Entry<String, List<PendingAlert>> channel : byChannel.entrySet()) {
        if (pacer.tryAcquire(channel.getKey())) {
          delivered += deliver(channel.getKey(), channel.getValue());
        }
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

  private int deliver(String channel, List<PendingAlert> ready) {
    AlertDeliveryUnit unit = null;
    String kind;
    try {
      unit = planner.next(channel, ready);
      kind = sender.send(channel, unit);
    } catch (RuntimeException e) {
      failed(channel, unit == null ? List.of() : unit.alerts(), e);
      return 0;
    }
    Instant now = clock.instant();
    int marked = 0;
    for (PendingAlert alert : unit.alerts()) {
      if (inbox.markDelivered(alert.id(), now)) {
        marked++;
      }
    }
    registry.counter(DELIVERED, "kind", kind).increment(marked);
    if (unit instanceof AlertDeliveryUnit.Batch) {
      registry.counter(BATCHED).increment(marked);
    }
    return marked;
  }

  private void failed(String channel, List<PendingAlert> alerts, RuntimeException e) {
    int attempts = alerts.stream().mapToInt(PendingAlert::attempts).max().orElse(0);
    Duration wait = backoff(attempts);
    String reason = "store";
    if (e instanceof SlackDeliveryException slack) {
      reason = slack.errorCode() == null ? "unknown" : slack.errorCode();
      if ("ratelimited".equals(slack.errorCode())) {
        Duration retryAfter = AlertDeliveryRetryAfter.of(slack);
        pacer.pause(channel, retryAfter);
        wait = retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
      }
    }
    Instant next = clock.instant().plus(wait);
    for (PendingAlert alert : alerts) {
      try {
        inbox.markAttemptFailed(alert.id(), next);
      } catch (RuntimeException markFailed) {
        e.addSuppressed(markFailed);
      }
    }
    registry.counter(FAILED, "reason", reason).increment(alerts.size());
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
