package io.gitlabopsbot.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirroredNotifierTest {

  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
  private final Slack slack = new Slack();
  private final MirroredNotifier notifier =
      new MirroredNotifier(
          slack,
          new ConsoleNotifier(
              new PrintStream(terminal, true, StandardCharsets.UTF_8), new TextRenderer()));

  @Test
  void post_goesToSlack_returnsSlacksReference_andShowsTheMessageOnTheTerminal() {
    MessageRef ref = notifier.post("C0000OPS1", Message.of("Approve step 1-4?"));

    assertThat(ref).isEqualTo(new MessageRef("C0000OPS1", "1700000000.000100"));
    assertThat(slack.posted).containsExactly("C0000OPS1: Approve step 1-4?");
    assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("Approve step 1-4?");
  }

  @Test
  void update_changesTheSlackMessage_andShowsTheNewTextOnTheTerminal() {
    notifier.update(new MessageRef("C0000OPS1", "1700000000.000100"), Message.of("Expired."));

    assertThat(slack.posted).containsExactly("update 1700000000.000100: Expired.");
    assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("Expired.");
  }

  /** Slack as the Web API answers: the message's channel and timestamp. */
  private static final class Slack implements Notifier {
    final List<String> posted = new ArrayList<>();

    @Override
    public MessageRef post(String channel, Message message) {
      posted.add(channel + ": " + message.text());
      return new MessageRef(channel, "1700000000.000100");
    }

    @Override
    public void update(MessageRef ref, Message message) {
      posted.add("update " + ref.ts() + ": " + message.text());
    }

    @Override
    public MessageRef reply(MessageRef parent, Message message) {
      posted.add("reply " + parent.ts() + ": " + message.text());
      return new MessageRef(parent.channel(), "1700000000.000200");
    }
  }
}
