package io.gitlabopsbot.web;

/** One dependency the bot needs before it should receive traffic (the store, Slack, …). */
public interface ReadinessCheck {

  /** Short stable name shown in the {@code /readyz} body, e.g. {@code store}. */
  String name();

  /** True when the dependency is usable now. May block; {@link HealthRoutes} bounds the wait. */
  boolean ready();
}
