package io.gitlabopsbot.cluster;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Which end-of-support warning is due on a day. Only the latest threshold crossed is due, so a bot
 * that was down for weeks posts one warning, not every threshold it slept through.
 */
public sealed interface SupportWarningDue {

  /** The store key of this warning, unique per cluster and version. */
  String key();

  /** {@code threshold} days or fewer are left; {@code daysLeft} is the exact count. */
  record Threshold(int threshold, long daysLeft) implements SupportWarningDue {
    @Override
    public String key() {
      return "days-" + threshold;
    }
  }

  /** Standard support has ended and the cluster's policy is EXTENDED: billing has started. */
  record ExtendedBilling(long daysSince) implements SupportWarningDue {
    @Override
    public String key() {
      return "extended-billing";
    }
  }

  /**
   * The warning due on {@code today}, if any.
   *
   * @param endOfStandardSupport the first day without standard support
   * @param thresholds days before that day at which to warn, any order, all positive
   * @param extended whether the cluster's support type is EXTENDED
   */
  static Optional<SupportWarningDue> on(
      LocalDate today, LocalDate endOfStandardSupport, List<Integer> thresholds, boolean extended) {
    long left = ChronoUnit.DAYS.between(today, endOfStandardSupport);
    if (left <= 0) {
      return extended ? Optional.of(new ExtendedBilling(-left)) : Optional.empty();
    }
    return thresholds.stream()
        .filter(t -> left <= t)
        .min(Integer::compare)
        .map(t -> new Threshold(t, left));
  }
}
