package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.alerts.AlertMessages.ParentControls;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which buttons a parent gets, and that they carry only the opaque ID. */
class ParentButtonsTest {

  private static final String ID = "abcdefghijklmnopqrstuvwxyz012345";
  private final AlertMessages messages = new AlertMessages();

  @Test
  void alertmanagerGroup_getsAcknowledgeAndThreeSilences_eachCarryingOnlyTheId() {
    AlertEvent event = event(AlertmanagerEvents.SOURCE, Map.of("alertname", "GitlabDown"));
    boolean silences = ParentButtons.ACK_AND_SILENCE.silences(event);

    List<Block.Button> buttons =
        buttons(messages.parent(event, new ParentControls(ID, silences, null)));

    assertThat(buttons)
        .extracting(Block.Button::actionId)
        .containsExactly("alert_ack", "alert_silence_1h", "alert_silence_4h", "alert_silence_24h");
    assertThat(buttons).extracting(Block.Button::value).containsOnly(ID);
    assertThat(buttons).allMatch(b -> AlertButtons.handles(b.actionId()));
  }

  @Test
  void cloudWatchAlarm_andGroupWithoutLabels_getAcknowledgeOnly() {
    AlertEvent alarm = event("cloudwatch", Map.of());
    AlertEvent unlabelled = event(AlertmanagerEvents.SOURCE, Map.of());

    assertThat(ParentButtons.ACK_AND_SILENCE.silences(alarm)).isFalse();
    assertThat(ParentButtons.ACK_AND_SILENCE.silences(unlabelled)).isFalse();
    assertThat(ParentButtons.ACK.silences(event(AlertmanagerEvents.SOURCE, Map.of("a", "b"))))
        .as("no Alertmanager API configured")
        .isFalse();
    assertThat(buttons(messages.parent(alarm, new ParentControls(ID, false, null))))
        .extracting(Block.Button::actionId)
        .containsExactly("alert_ack");
  }

  @Test
  void acknowledgedParent_saysWhoAndWhen_andDropsTheAcknowledgeButton() {
    AlertEvent event = event(AlertmanagerEvents.SOURCE, Map.of("alertname", "X"));
    Acknowledgement ack =
        new Acknowledgement("U0000VIEW", "viv", Instant.parse("2026-11-25T17:00:00Z"));

    Message parent = messages.parent(event, new ParentControls(ID, true, ack));

    assertThat(buttons(parent)).extracting(Block.Button::actionId).doesNotContain("alert_ack");
    assertThat(parent.blocks())
        .anyMatch(
            b ->
                b instanceof Block.Section s
                    && s.markdown().contains("Acknowledged* by <@U0000VIEW>")
                    && s.markdown().contains("2026-11-25 17:00 UTC"));
    assertThat(messages.resolvedParent(event, java.time.Duration.ofMinutes(5), ack).blocks())
        .noneMatch(b -> b instanceof Block.Actions)
        .anyMatch(b -> b instanceof Block.Section s && s.markdown().contains("<@U0000VIEW>"));
  }

  private static List<Block.Button> buttons(Message message) {
    return message.blocks().stream()
        .filter(b -> b instanceof Block.Actions)
        .flatMap(b -> ((Block.Actions) b).buttons().stream())
        .toList();
  }

  private static AlertEvent event(String source, Map<String, String> groupLabels) {
    return new AlertEvent(
        source,
        "g",
        AlertEvent.Status.FIRING,
        "critical",
        "GitlabDown",
        "GitLab is down",
        "",
        Map.of("alertname", "GitlabDown"),
        List.of(),
        Instant.parse("2026-11-25T16:00:00Z"),
        null,
        "d",
        groupLabels);
  }
}
