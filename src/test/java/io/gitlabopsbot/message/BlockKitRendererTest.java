package io.gitlabopsbot.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import io.gitlabopsbot.slack.BlockKitRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockKitRendererTest {

  private final BlockKitRenderer renderer = new BlockKitRenderer();

  @Test
  void render_whenSectionHas3001Chars_cutsTo3000WithMarker() {
    String text = "a".repeat(3001);

    List<LayoutBlock> blocks = renderer.render(new Message("t", List.of(new Block.Section(text))));

    String rendered = sectionText(blocks.get(0));
    assertThat(rendered).hasSize(3000).endsWith("… (truncated)").startsWith("aaaa");
  }

  @Test
  void render_whenSectionHasExactly3000Chars_keepsItWhole() {
    String text = "b".repeat(3000);

    List<LayoutBlock> blocks = renderer.render(new Message("t", List.of(new Block.Section(text))));

    assertThat(sectionText(blocks.get(0))).isEqualTo(text);
  }

  @Test
  void render_whenCodeIsLong_keepsTheTailAndEscapesIt() {
    StringBuilder log = new StringBuilder();
    IntStream.range(0, 400).forEach(i -> log.append("line ").append(i).append(" <ok> & done\n"));
    log.append("FATAL: backup failed");

    String rendered =
        sectionText(
            renderer.render(new Message("t", List.of(new Block.Code(log.toString())))).get(0));

    assertThat(rendered).hasSizeLessThanOrEqualTo(3000).hasSizeGreaterThan(2950);
    assertThat(rendered).startsWith("… (truncated)\n```\n").endsWith("FATAL: backup failed\n```");
    assertThat(rendered).doesNotContain("line 0 ").contains("line 399 &lt;ok&gt; &amp; done");
    String body = rendered.substring("… (truncated)\n```\n".length());
    // The cut never leaves a dangling piece of an entity at the start.
    assertThat(body).doesNotStartWith("amp;").doesNotStartWith("t;").doesNotStartWith(";");
  }

  @Test
  void render_whenCodeContainsFenceOrMention_defusesBoth() {
    String rendered =
        sectionText(
            renderer
                .render(new Message("t", List.of(new Block.Code("a ``` b <!channel>"))))
                .get(0));

    assertThat(rendered).isEqualTo("```\na ``\u200b` b &lt;!channel&gt;\n```");
  }

  @Test
  void render_whenCodeHasLongBacktickRuns_leavesNoFenceInside() {
    String rendered =
        sectionText(renderer.render(new Message("t", List.of(new Block.Code("``````x")))).get(0));

    String inside = rendered.substring(4, rendered.length() - 4);
    assertThat(inside).doesNotContain("```").endsWith("x");
  }

  @Test
  void render_whenSixtyBlocks_keeps49AndSummarisesTheRest() {
    List<Block> many = new ArrayList<>();
    IntStream.range(0, 60).forEach(i -> many.add(new Block.Section("s" + i)));

    List<LayoutBlock> blocks = renderer.render(new Message("t", many));

    assertThat(blocks).hasSize(50);
    assertThat(sectionText(blocks.get(48))).isEqualTo("s48");
    ContextBlock last = (ContextBlock) blocks.get(49);
    assertThat(((MarkdownTextObject) last.getElements().get(0)).getText())
        .isEqualTo("… 11 more blocks not shown");
  }

  @Test
  void render_whenExactlyFiftyBlocks_keepsAll() {
    List<Block> many = new ArrayList<>();
    IntStream.range(0, 50).forEach(i -> many.add(new Block.Divider()));

    assertThat(renderer.render(new Message("t", many))).hasSize(50);
  }

  @Test
  void render_whenButtonLabelLong_cutsTo75AndMapsStyle() {
    Block.Button button =
        new Block.Button("approve", "x".repeat(100), "req-42", Block.ButtonStyle.DANGER);

    ActionsBlock actions =
        (ActionsBlock)
            renderer.render(new Message("t", List.of(new Block.Actions(List.of(button))))).get(0);

    ButtonElement element = (ButtonElement) actions.getElements().get(0);
    assertThat(element.getText().getText()).hasSize(75).endsWith("…");
    assertThat(element.getStyle()).isEqualTo("danger");
    assertThat(element.getActionId()).isEqualTo("approve");
    assertThat(element.getValue()).isEqualTo("req-42");
  }

  @Test
  void render_whenButtonValueOver2000_isRejected() {
    Block.Button button =
        new Block.Button("approve", "Approve", "v".repeat(2001), Block.ButtonStyle.PRIMARY);
    Message message = new Message("t", List.of(new Block.Actions(List.of(button))));

    assertThatThrownBy(() -> renderer.render(message))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("approve")
        .hasMessageContaining("opaque ID");
  }

  @Test
  void render_whenTwentyFiveFields_splitsIntoSectionsOfTen() {
    List<Block.Field> fields = new ArrayList<>();
    IntStream.range(0, 25).forEach(i -> fields.add(new Block.Field("k" + i, "v<" + i)));

    List<LayoutBlock> blocks = renderer.render(new Message("t", List.of(new Block.Fields(fields))));

    assertThat(blocks).hasSize(3);
    assertThat(((SectionBlock) blocks.get(0)).getFields()).hasSize(10);
    assertThat(((SectionBlock) blocks.get(2)).getFields()).hasSize(5);
    MarkdownTextObject first =
        (MarkdownTextObject) ((SectionBlock) blocks.get(0)).getFields().get(0);
    assertThat(first.getText()).isEqualTo("*k0*\nv&lt;0");
  }

  @Test
  void render_whenHeaderLong_cutsTo150PlainText() {
    HeaderBlock header =
        (HeaderBlock)
            renderer.render(new Message("t", List.of(new Block.Header("h".repeat(200))))).get(0);

    assertThat(header.getText().getText()).hasSize(150).endsWith("…");
    assertThat(header.getText().getType()).isEqualTo("plain_text");
  }

  @Test
  void render_whenTextsEmpty_leavesThoseBlocksOut() {
    Message message =
        new Message("t", List.of(new Block.Section(" "), new Block.Code(""), new Block.Divider()));

    assertThat(renderer.render(message)).hasSize(1);
  }

  @Test
  void fallbackText_isEscapedAndCutTo3000() {
    String text = renderer.fallbackText(new Message("<!here> " + "z".repeat(4000), List.of()));

    assertThat(text).hasSize(3000).startsWith("&lt;!here&gt; zz").endsWith("… (truncated)");
  }

  private static String sectionText(LayoutBlock block) {
    return ((SectionBlock) block).getText().getText();
  }
}
