package io.gitlabopsbot.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.slack.BlockKitRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalMessagesTest {

  private static final String ID = "AbCdEfGhIjKlMnOpQrStUvWxYz012_-9";
  private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-03-01T10:15:00Z");

  private final ApprovalMessages messages = new ApprovalMessages();
  private final BlockKitRenderer renderer = new BlockKitRenderer();

  private static ApprovalRequest request(
      ApprovalSubject subject, ApprovalStatus status, String decidedBy) {
    return new ApprovalRequest(
        ID,
        subject,
        subject.operationHash(),
        status,
        CREATED,
        EXPIRES,
        decidedBy,
        decidedBy == null ? null : CREATED.plusSeconds(60),
        null,
        null,
        null);
  }

  private static ApprovalSubject subject(String backup, String requester) {
    return new ApprovalSubject(
        "restore", "prod", "gitlab", "gitlab", Map.of("backup", backup), requester, "c1");
  }

  @Test
  void request_showsTheOperationAndButtonsCarryOnlyTheId() {
    Message message =
        messages.request(
            request(subject("1700000000_2026_01_01", "U0000REQ"), ApprovalStatus.PENDING, null));

    assertThat(message.blocks().get(0))
        .isEqualTo(new Block.Header("Approval needed: restore on prod"));
    assertThat(message.blocks())
        .contains(
            new Block.Fields(
                List.of(
                    new Block.Field("Operation", "restore"),
                    new Block.Field("Target", "prod"),
                    new Block.Field("Namespace", "gitlab"),
                    new Block.Field("Release", "gitlab"),
                    new Block.Field("backup", "1700000000_2026_01_01"))),
            new Block.Section("Requested by <@U0000REQ>."),
            new Block.Actions(
                List.of(
                    new Block.Button(
                        ApprovalMessages.APPROVE, "Approve", ID, Block.ButtonStyle.PRIMARY),
                    new Block.Button(
                        ApprovalMessages.REJECT, "Reject", ID, Block.ButtonStyle.DANGER))));
    assertThat(message.blocks())
        .filteredOn(Block.Section.class::isInstance)
        .extracting(b -> ((Block.Section) b).markdown())
        .anySatisfy(
            s ->
                assertThat(s)
                    .contains("<!date^" + EXPIRES.getEpochSecond() + "^")
                    .contains("2026-03-01 10:15 UTC"));
  }

  @Test
  void request_escapesUserTextSoItCannotPingOrLink() {
    ApprovalSubject hostile = subject("<!channel> <https://evil.example|click>", "<!here>");

    // Gson writes < > & as unicode escapes; undo that to see the text Slack receives.
    String json =
        GsonFactory.createSnakeCase()
            .toJson(
                renderer.render(messages.request(request(hostile, ApprovalStatus.PENDING, null))))
            .replace("\\u003c", "<")
            .replace("\\u003e", ">")
            .replace("\\u0026", "&");

    assertThat(json)
        .doesNotContain("<!channel>")
        .doesNotContain("<!here>")
        .doesNotContain("<https://evil")
        .contains("&lt;!channel&gt;")
        .contains("&lt;!here&gt;");
  }

  @Test
  void forStatus_decidedVariantsHaveNoButtonsAndSayWhoDecided() {
    ApprovalSubject subject = subject("b1", "U0000REQ");

    Message approved = messages.forStatus(request(subject, ApprovalStatus.APPROVED, "U0000APPR"));
    Message rejected = messages.forStatus(request(subject, ApprovalStatus.REJECTED, "U0000APPR"));
    Message expired = messages.forStatus(request(subject, ApprovalStatus.EXPIRED, null));
    Message blocked = messages.blocked(request(subject, ApprovalStatus.PENDING, null));

    for (Message message : List.of(approved, rejected, expired, blocked)) {
      assertThat(message.blocks()).noneMatch(Block.Actions.class::isInstance);
    }
    assertThat(sections(approved)).anyMatch(s -> s.contains("Approved by <@U0000APPR>"));
    assertThat(sections(rejected)).anyMatch(s -> s.contains("Rejected by <@U0000APPR>"));
    assertThat(sections(expired))
        .anyMatch(s -> s.contains("Expired") && s.contains("nothing was done"));
    assertThat(sections(blocked)).anyMatch(s -> s.contains("cannot be approved or run"));
    assertThat(approved.blocks().get(0)).isEqualTo(new Block.Header("Approved: restore on prod"));
  }

  private static List<String> sections(Message message) {
    return message.blocks().stream()
        .filter(Block.Section.class::isInstance)
        .map(b -> ((Block.Section) b).markdown())
        .toList();
  }
}
