package io.gitlabopsbot.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A message to a person: a plain-text summary (used for notifications and as the fallback) and the
 * blocks that make up its body.
 */
public record Message(String text, List<Block> blocks) {

  public Message {
    Objects.requireNonNull(text, "text");
    blocks = List.copyOf(blocks);
  }

  public static Message of(String text) {
    return new Message(text, List.of(new Block.Section(text)));
  }

  public static Builder builder(String text) {
    return new Builder(text);
  }

  /** Collects blocks in order. */
  public static final class Builder {
    private final String text;
    private final List<Block> blocks = new ArrayList<>();

    private Builder(String text) {
      this.text = text;
    }

    public Builder header(String header) {
      blocks.add(new Block.Header(header));
      return this;
    }

    public Builder section(String markdown) {
      blocks.add(new Block.Section(markdown));
      return this;
    }

    public Builder fields(List<Block.Field> fields) {
      blocks.add(new Block.Fields(fields));
      return this;
    }

    public Builder code(String code) {
      blocks.add(new Block.Code(code));
      return this;
    }

    public Builder context(String markdown) {
      blocks.add(new Block.Context(markdown));
      return this;
    }

    public Builder divider() {
      blocks.add(new Block.Divider());
      return this;
    }

    public Builder actions(List<Block.Button> buttons) {
      blocks.add(new Block.Actions(buttons));
      return this;
    }

    public Message build() {
      return new Message(text, blocks);
    }
  }
}
