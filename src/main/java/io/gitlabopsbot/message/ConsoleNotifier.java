package io.gitlabopsbot.message;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints what would be posted to Slack. Used when no Slack credentials are configured, so a
 * newcomer can try commands and alerts before creating the Slack app.
 */
public final class ConsoleNotifier implements Notifier {

  private final PrintStream out;
  private final TextRenderer renderer;
  private final AtomicLong sequence = new AtomicLong();

  public ConsoleNotifier(PrintStream out, TextRenderer renderer) {
    this.out = out;
    this.renderer = renderer;
  }

  @Override
  public MessageRef post(String channel, Message message) {
    MessageRef ref = new MessageRef(channel == null ? "console" : channel, next());
    print("[" + ref.channel() + " #" + ref.ts() + "]", message);
    return ref;
  }

  @Override
  public void update(MessageRef ref, Message message) {
    print("[" + ref.channel() + " #" + ref.ts() + " updated]", message);
  }

  @Override
  public MessageRef reply(MessageRef parent, Message message) {
    MessageRef ref = new MessageRef(parent.channel(), next());
    print("[" + parent.channel() + " #" + parent.ts() + " thread]", message);
    return ref;
  }

  private String next() {
    return Long.toString(sequence.incrementAndGet());
  }

  private void print(String prefix, Message message) {
    synchronized (out) {
      out.println(prefix);
      renderer.render(message).lines().forEach(line -> out.println("  " + line));
      out.flush();
    }
  }
}
