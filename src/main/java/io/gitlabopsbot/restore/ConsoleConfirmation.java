package io.gitlabopsbot.restore;

import java.io.Console;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Reads the confirmation from the process's terminal ({@link System#console()}); when standard
 * input is not a terminal there is nobody to ask. Waits at most {@code timeout} for the answer.
 */
public final class ConsoleConfirmation implements Confirmation {

  private final Supplier<Console> console;
  private final Duration timeout;

  public ConsoleConfirmation(Duration timeout) {
    this(System::console, timeout);
  }

  ConsoleConfirmation(Supplier<Console> console, Duration timeout) {
    this.console = console;
    this.timeout = timeout;
  }

  @Override
  public Optional<String> ask(String prompt) {
    Console terminal = console.get();
    if (terminal == null || !isTerminal(terminal)) {
      return Optional.empty();
    }
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                line.complete(terminal.readLine("%s", prompt));
              } catch (RuntimeException e) {
                line.completeExceptionally(e);
              }
            },
            "restore-confirmation");
    reader.setDaemon(true); // a prompt nobody answers must not keep the process alive
    reader.start();
    try {
      String typed = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.of(typed == null ? "" : typed.strip());
    } catch (TimeoutException | ExecutionException e) {
      return Optional.of("");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("");
    }
  }

  /** Java 22+ returns a console even when not attached to a terminal; it then says so. */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before Java 22, System.console() is null unless there is a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
