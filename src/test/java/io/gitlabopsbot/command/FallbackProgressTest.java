package io.gitlabopsbot.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.message.DeliveryException;
import io.gitlabopsbot.message.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackProgressTest {

  private final List<String> channel = new ArrayList<>();
  private final List<String> privately = new ArrayList<>();

  @Test
  void update_whenTheChannelWorks_staysInTheChannel() {
    FallbackProgress progress =
        new FallbackProgress(recording(false), m -> privately.add(m.text()));

    progress.update(Message.of("Running"));
    progress.detail(Message.of("log"));

    assertThat(channel).containsExactly("update:Running", "detail:log");
    assertThat(privately).isEmpty();
  }

  @Test
  void update_whenTheChannelRefuses_explainsOnceThenRepliesPrivately() {
    FallbackProgress progress = new FallbackProgress(recording(true), m -> privately.add(m.text()));

    progress.update(Message.of("Queued"));
    progress.update(Message.of("Completed"));

    assertThat(privately).hasSize(3);
    assertThat(privately.get(0)).contains("could not post progress").contains("not_in_channel");
    assertThat(privately.subList(1, 3)).containsExactly("Queued", "Completed");
  }

  private Progress recording(boolean refuse) {
    return new Progress() {
      @Override
      public void update(Message message) {
        if (refuse) {
          throw new DeliveryException(
              "not_in_channel", "not_in_channel: invite the bot with /invite", null);
        }
        channel.add("update:" + message.text());
      }

      @Override
      public void detail(Message message) {
        channel.add("detail:" + message.text());
      }
    };
  }
}
