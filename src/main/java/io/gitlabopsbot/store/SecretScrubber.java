package io.gitlabopsbot.store;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Removes known secret values from error text. Drivers and pools sometimes echo the URL or the
 * connection properties in their messages; a cause chained to a {@link StoreException} ends up in
 * logs, so a cause that mentions a secret is replaced by a copy with the value masked.
 */
final class SecretScrubber {

  private static final String MASK = "****";
  private static final int MAX_CHAIN = 32;
  private static final int MAX_SEEN = 256;

  private final List<String> secrets;

  SecretScrubber(Collection<String> secrets) {
    // Longest first, so a secret that contains another one is masked whole.
    this.secrets =
        secrets.stream()
            .filter(s -> s != null && !s.isBlank())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  /** The throwable itself when no message in its chain holds a secret, else a masked copy. */
  Throwable scrub(Throwable error) {
    return leaks(error) ? copy(error, 0) : error;
  }

  private boolean leaks(Throwable error) {
    // Drivers and pools build cyclic graphs (a cause suppressing its own wrapper): each throwable
    // is looked at once.
    return leaks(error, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private boolean leaks(Throwable error, Set<Throwable> seen) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < MAX_CHAIN; depth++) {
      if (!seen.add(current)) {
        return false;
      }
      String text = String.valueOf(current);
      if (secrets.stream().anyMatch(text::contains)) {
        return true;
      }
      for (Throwable suppressed : current.getSuppressed()) {
        if (seen.size() < MAX_SEEN && leaks(suppressed, seen)) {
          return true;
        }
      }
      current = current.getCause();
    }
    return false;
  }

  private Throwable copy(Throwable error, int depth) {
    return copy(error, depth, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private Throwable copy(Throwable error, int depth, Set<Throwable> seen) {
    seen.add(error);
    Throwable cause = error.getCause();
    Throwable copiedCause =
        cause == null || seen.contains(cause) || depth >= MAX_CHAIN
            ? null
            : copy(cause, depth + 1, seen);
    Scrubbed copy =
        new Scrubbed(error.getClass().getName(), scrub(error.getMessage()), copiedCause);
    copy.setStackTrace(error.getStackTrace());
    return copy;
  }

  /** Stands in for an error whose message held a secret; prints as the original type. */
  static final class Scrubbed extends RuntimeException {
    private final String originalType;

    Scrubbed(String originalType, String message, Throwable cause) {
      super(message, cause);
      this.originalType = originalType;
    }

    @Override
    public String toString() {
      String message = getMessage();
      return message == null ? originalType : originalType + ": " + message;
    }
  }
}
