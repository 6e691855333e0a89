package io.gitlabopsbot.message;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Masks secrets in every text of a message before another notifier sends it: the last line of
 * defence for what reaches Slack, whichever capability built the message. Button values (opaque
 * IDs) are left alone.
 */
public final class RedactingNotifier implements Notifier {

  private final Notifier delegate;
  private final UnaryOperator<String> redact;

  public RedactingNotifier(Notifier delegate, UnaryOperator<String> redact) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.redact = Objects.requireNonNull(redact, "redact");
  }

  @Override
  public MessageRef post(String channel, Message message) {
    return delegate.post(channel, clean(message));
  }

  @Override
  public void update(MessageRef ref, Message message) {
    delegate.update(ref, clean(message));
  }

  @Override
  public MessageRef reply(MessageRef parent, Message message) {
    return delegate.reply(parent, clean(message));
  }

  Message clean(Message message) {
    return new Message(
        redact.apply(message.text()), message.blocks().stream().map(this::clean).toList());
  }

  private Block clean(Block block) {
    if (block instanceof Block.Header header) {
      return new Block.Header(redact.apply(header.text()));
    }
    if (block instanceof Block.Section section) {
      return new Block.Section(redact.apply(section.markdown()));
    }
    if (block instanceof Block.Code code) {
      return new Block.Code(redact.apply(code.text()));
    }
    if (block instanceof Block.Context context) {
      return new Block.Context(redact.apply(context.markdown()));
    }
    if (block instanceof Block.Fields fields) {
      List<Block.Field> clean =
          fields.fields().stream()
              .map(f -> new Block.Field(redact.apply(f.label()), redact.apply(f.value())))
              .toList();
      return new Block.Fields(clean);
    }
    if (block instanceof Block.Actions actions) {
      List<Block.Button> clean =
          actions.buttons().stream()
              .map(
                  b ->
                      new Block.Button(b.actionId(), redact.apply(b.label()), b.value(), b.style()))
              .toList();
      return new Block.Actions(clean);
    }
    return block;
  }
}
