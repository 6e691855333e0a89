package io.gitlabopsbot.web;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/** A {@link ReadinessCheck} made from a name and a lambda. */
public record NamedCheck(String name, BooleanSupplier check) implements ReadinessCheck {

  public NamedCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
  }

  @Override
  public boolean ready() {
    return check.getAsBoolean();
  }
}
