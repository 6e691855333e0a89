package io.gitlabopsbot.approval;

import static io.gitlabopsbot.approval.ApprovalFixtures.restore;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApprovalNoticesTest {

  /** Records posts and updates; updates of message "broken" fail like a Slack outage. */
  private static final class RecordingNotifier implements Notifier {
    final List<Message> posted = new ArrayList<>();
    final List<MessageRef> updated = new ArrayList<>();
    final List<Message> updates = new ArrayList<>();

    @Override
    public MessageRef post(String channel, Message message) {
      posted.add(message);
      return new MessageRef(
          channel, posted.size() == 1 ? "broken" : "1700000000.00010" + posted.size());
    }

    @Override
    public void update(MessageRef ref, Message message) {
      if (ref.ts().equals("broken")) {
        throw new IllegalStateException("chat.update failed");
      }
      updated.add(ref);
      updates.add(message);
    }

    @Override
    public MessageRef reply(MessageRef parent, Message message) {
      throw new UnsupportedOperationException();
    }
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final Database database = TestDatabases.h2();
  private final Approvals approvals = ApprovalFixtures.approvals(database, clock);
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final ApprovalNotices notices =
      new ApprovalNotices(approvals, new ApprovalMessages(), notifier);

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void ask_postsTheRequestAndRemembersWhere() {
    ApprovalRequest request = notices.ask(restore("b-1"), Duration.ofMinutes(15), "C0000OPS");

    assertThat(request.messageChannel()).isEqualTo("C0000OPS");
    assertThat(request.messageTs()).isEqualTo("broken");
    assertThat(notifier.posted.get(0).blocks())
        .anyMatch(
            b ->
                b instanceof Block.Actions actions
                    && actions.buttons().stream()
                        .allMatch(button -> button.value().equals(request.id())));
  }

  @Test
  void sweepExpired_updatesEachExpiredMessageOnce_evenWhenOneUpdateFails() {
    notices.ask(restore("b-1"), Duration.ofMinutes(5), "C0000OPS");
    ApprovalRequest second = notices.ask(restore("b-2"), Duration.ofMinutes(5), "C0000OPS");
    notices.ask(restore("b-3"), Duration.ofMinutes(60), "C0000OPS");
    clock.advance(Duration.ofMinutes(6));

    assertThat(notices.sweepExpired()).isEqualTo(2);
    assertThat(notices.sweepExpired()).isZero();

    assertThat(notifier.updated).containsExactly(new MessageRef("C0000OPS", second.messageTs()));
    assertThat(notifier.updates.get(0).blocks())
        .contains(new Block.Header("Approval expired: restore on prod"))
        .noneMatch(Block.Actions.class::isInstance);
  }
}
