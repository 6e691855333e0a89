package io.gitlabopsbot;

import java.util.function.Supplier;

/**
 * A client built on its first use, once, and closed only if it was built. Building one costs
 * hundreds of milliseconds (credential chains, kubeconfig, HTTP stacks) and most commands need at
 * most one of them, so {@code run whoami} and the bot's start-up build none.
 */
final class Lazy<T extends AutoCloseable> implements Supplier<T> {

  private final Supplier<T> create;
  private volatile T value;

  Lazy(Supplier<T> create) {
    this.create = create;
  }

  @Override
  public T get() {
    T current = value;
    if (current == null) {
      synchronized (this) {
        current = value;
        if (current == null) {
          current = create.get();
          value = current;
        }
      }
    }
    return current;
  }

  /** Whether it was built. */
  boolean built() {
    return value != null;
  }

  /** Closes the client when one was built; never builds one just to close it. */
  void close() throws Exception {
    T built = value;
    if (built != null) {
      built.close();
    }
  }
}
