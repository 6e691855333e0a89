package io.gitlabopsbot.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns our neutral {@link Message} into Slack Block Kit, keeping within Slack's size limits so a
 * message is never rejected: long texts are cut (code keeps its tail, where the error usually is),
 * extra fields, buttons and blocks are split or summarised. Blocks whose text is empty are left out
 * because Slack refuses empty texts.
 *
 * <p>Code, field labels and values and the fallback text are data, not markup: their {@code &},
 * {@code <} and {@code >} are escaped so that, say, {@code <!channel>} in a log line cannot ping a
 * channel. Section and context texts are the caller's mrkdwn and pass unchanged.
 */
public final class BlockKitRenderer {

  static final int MAX_TEXT = 3000;
  static final int MAX_HEADER = 150;
  static final int MAX_FIELD = 2000;
  static final int MAX_FIELDS_PER_SECTION = 10;
  static final int MAX_BUTTONS_PER_BLOCK = 25;
  static final int MAX_LABEL = 75;
  static final int MAX_VALUE = 2000;
  static final int MAX_ACTION_ID = 255;
  static final int MAX_BLOCKS = 50;
  static final String TRUNCATED = "… (truncated)";

  private static final String FENCE = "```";

  /** The Block Kit blocks for {@code message}, at most 50. */
  public List<LayoutBlock> render(Message message) {
    List<LayoutBlock> blocks = new ArrayList<>();
    for (Block block : message.blocks()) {
      addRendered(block, blocks);
    }
    if (blocks.size() <= MAX_BLOCKS) {
      return blocks;
    }
    List<LayoutBlock> capped = new ArrayList<>(blocks.subList(0, MAX_BLOCKS - 1));
    capped.add(context("… " + (blocks.size() - (MAX_BLOCKS - 1)) + " more blocks not shown"));
    return capped;
  }

  /** The notification and fallback text: the message's summary, escaped and cut to 3000 chars. */
  public String fallbackText(Message message) {
    return fitEscaped(message.text(), MAX_TEXT, false);
  }

  private void addRendered(Block block, List<LayoutBlock> out) {
    if (block instanceof Block.Header header && !header.text().isBlank()) {
      String text = cut(header.text().strip(), MAX_HEADER, "…");
      out.add(HeaderBlock.builder().text(plain(text)).build());
    } else if (block instanceof Block.Section section && !section.markdown().isBlank()) {
      String text = cut(section.markdown(), MAX_TEXT, TRUNCATED);
      out.add(SectionBlock.builder().text(markdown(text)).build());
    } else if (block instanceof Block.Code code && !code.text().isBlank()) {
      out.add(SectionBlock.builder().text(markdown(fenced(code.text()))).build());
    } else if (block instanceof Block.Context context && !context.markdown().isBlank()) {
      out.add(context(cut(context.markdown(), MAX_TEXT, TRUNCATED)));
    } else if (block instanceof Block.Divider) {
      out.add(DividerBlock.builder().build());
    } else if (block instanceof Block.Fields fields) {
      List<TextObject> texts = fields.fields().stream().map(BlockKitRenderer::field).toList();
      for (List<TextObject> chunk : chunks(texts, MAX_FIELDS_PER_SECTION)) {
        out.add(SectionBlock.builder().fields(chunk).build());
      }
    } else if (block instanceof Block.Actions actions) {
      List<BlockElement> buttons =
          actions.buttons().stream().map(BlockKitRenderer::button).toList();
      for (List<BlockElement> chunk : chunks(buttons, MAX_BUTTONS_PER_BLOCK)) {
        out.add(ActionsBlock.builder().elements(chunk).build());
      }
    }
  }

  private static TextObject field(Block.Field field) {
    String label = field.label() == null ? "" : field.label();
    String value = field.value() == null ? "" : field.value();
    String head = "*" + escape(label) + "*\n";
    if (head.length() > MAX_FIELD / 2) {
      head = "*" + fitEscaped(label, MAX_FIELD / 2, false) + "*\n";
    }
    return markdown(head + fitEscaped(value, MAX_FIELD - head.length(), false));
  }

  private static BlockElement button(Block.Button button) {
    String actionId = button.actionId();
    if (actionId == null || actionId.isBlank() || actionId.length() > MAX_ACTION_ID) {
      throw new IllegalArgumentException(
          "button action_id must be 1 to " + MAX_ACTION_ID + " characters, got " + actionId);
    }
    if (button.value() != null && button.value().length() > MAX_VALUE) {
      throw new IllegalArgumentException(
          "button value of "
              + actionId
              + " has "
              + button.value().length()
              + " characters, Slack allows "
              + MAX_VALUE
              + "; store the state and put only its opaque ID in the value");
    }
    if (button.label() == null || button.label().isBlank()) {
      throw new IllegalArgumentException("button " + actionId + " needs a label");
    }
    String style =
        button.style() == null || button.style() == Block.ButtonStyle.DEFAULT
            ? null
            : button.style().name().toLowerCase(Locale.ROOT);
    return ButtonElement.builder()
        .actionId(actionId)
        .text(plain(cut(button.label(), MAX_LABEL, "…")))
        .value(button.value())
        .style(style)
        .build();
  }

  private static String fenced(String raw) {
    // A fence inside the text would end the code block early; a zero-width space defuses it.
    String defused = raw;
    while (defused.contains(FENCE)) {
      defused = defused.replace(FENCE, "``\u200b`");
    }
    String whole = FENCE + "\n" + escape(defused) + "\n" + FENCE;
    if (whole.length() <= MAX_TEXT) {
      return whole;
    }
    String prefix = TRUNCATED + "\n" + FENCE + "\n";
    String suffix = "\n" + FENCE;
    return prefix
        + fitEscaped(defused, MAX_TEXT - prefix.length() - suffix.length(), true)
        + suffix;
  }

  private static LayoutBlock context(String markdown) {
    return ContextBlock.builder().elements(List.of(markdown(markdown))).build();
  }

  private static MarkdownTextObject markdown(String text) {
    return MarkdownTextObject.builder().text(text).build();
  }

  private static PlainTextObject plain(String text) {
    return PlainTextObject.builder().text(text).emoji(true).build();
  }

  /** {@code text} cut to {@code max} chars with {@code marker} at the end when it was longer. */
  static String cut(String text, int max, String marker) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - marker.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + marker;
  }

  /**
   * {@code raw} escaped for mrkdwn and cut to {@code budget} chars, counted after escaping so that
   * an entity is never split. Keeps the tail (marker added by the caller) or the head (marker
   * here).
   */
  static String fitEscaped(String raw, int budget, boolean keepTail) {
    String escaped = escape(raw);
    if (escaped.length() <= budget) {
      return escaped;
    }
    int room = keepTail ? budget : budget - TRUNCATED.length();
    int used = 0;
    int count = 0;
    while (count < raw.length()) {
      char c = raw.charAt(keepTail ? raw.length() - 1 - count : count);
      int length = escape(String.valueOf(c)).length();
      if (used + length > room) {
        break;
      }
      used += length;
      count++;
    }
    if (keepTail) {
      int start = raw.length() - count;
      if (start < raw.length() && Character.isLowSurrogate(raw.charAt(start))) {
        start++;
      }
      return escape(raw.substring(start));
    }
    if (count > 0 && Character.isHighSurrogate(raw.charAt(count - 1))) {
      count--;
    }
    return escape(raw.substring(0, count)) + TRUNCATED;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      chunks.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
    }
    return chunks;
  }
}
