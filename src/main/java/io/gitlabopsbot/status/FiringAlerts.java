package io.gitlabopsbot.status;

/** How many alert groups are firing now (open alert threads). */
@FunctionalInterface
public interface FiringAlerts {

  /**
   * @throws RuntimeException with a reason fit for the reader when the count cannot be read
   */
  int count();
}
