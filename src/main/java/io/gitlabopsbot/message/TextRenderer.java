package io.gitlabopsbot.message;

import java.util.Locale;

/** Renders a {@link Message} as plain text for the CLI and the console channel. */
public final class TextRenderer {

  public String render(Message message) {
    StringBuilder out = new StringBuilder();
    for (Block block : message.blocks()) {
      if (block instanceof Block.Header header) {
        out.append(header.text().toUpperCase(Locale.ROOT)).append('\n');
      } else if (block instanceof Block.Section section) {
        out.append(plain(section.markdown())).append('\n');
      } else if (block instanceof Block.Fields fields) {
        fields
            .fields()
            .forEach(f -> out.append(f.label()).append(": ").append(plain(f.value())).append('\n'));
      } else if (block instanceof Block.Code code) {
        code.text().lines().forEach(line -> out.append("    ").append(line).append('\n'));
      } else if (block instanceof Block.Context context) {
        out.append(plain(context.markdown())).append('\n');
      } else if (block instanceof Block.Divider) {
        out.append("----\n");
      } else if (block instanceof Block.Actions actions) {
        actions.buttons().forEach(b -> out.append('[').append(b.label()).append("] "));
        out.append('\n');
      }
    }
    if (message.blocks().isEmpty()) {
      out.append(message.text()).append('\n');
    }
    return out.toString().stripTrailing();
  }

  /**
   * Turns Slack's escapes and channel links into plain text; emoji codes stay readable as they are.
   */
  static String plain(String markdown) {
    return markdown
        .replaceAll("<#([A-Z0-9]+)>", "#$1")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
