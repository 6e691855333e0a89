package io.gitlabopsbot.message;

import java.util.List;
import java.util.Objects;

/**
 * A piece of a {@link Message}, independent of Slack's classes so that capabilities and the CLI can
 * build and print messages without touching the Slack SDK. Rendered to Block Kit by {@link
 * BlockKitRenderer} and to plain text by {@link TextRenderer}.
 */
public sealed interface Block {

  /** A bold title line. */
  record Header(String text) implements Block {
    public Header {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A paragraph in Slack mrkdwn. */
  record Section(String markdown) implements Block {
    public Section {
      Objects.requireNonNull(markdown, "markdown");
    }
  }

  /** Label/value pairs shown as a two-column grid. */
  record Fields(List<Field> fields) implements Block {
    public Fields {
      fields = List.copyOf(fields);
    }
  }

  record Field(String label, String value) {}

  /** Preformatted text (command output, log tails); shown in a code block. */
  record Code(String text) implements Block {
    public Code {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Small grey footer text. */
  record Context(String markdown) implements Block {
    public Context {
      Objects.requireNonNull(markdown, "markdown");
    }
  }

  record Divider() implements Block {}

  /** Buttons. Values carry only opaque IDs; state lives in the store. */
  record Actions(List<Button> buttons) implements Block {
    public Actions {
      buttons = List.copyOf(buttons);
    }
  }

  record Button(String actionId, String label, String value, ButtonStyle style) {}

  enum ButtonStyle {
    DEFAULT,
    PRIMARY,
    DANGER
  }
}
