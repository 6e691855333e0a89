package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertmanagerFixtures.FIRING;
import static io.gitlabopsbot.alerts.AlertmanagerFixtures.RESOLVED;
import static io.gitlabopsbot.alerts.AlertmanagerFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.alerts.AlertEvent.Link;
import io.gitlabopsbot.alerts.AlertEvent.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerEventsTest {

  private static final String GROUP_KEY = "{}:{alertname=\"GitlabDown\"}";
  private static final Map<String, String> LABELS =
      Map.of("alertname", "GitlabDown", "namespace", "gitlab", "severity", "critical");
  private static final String SILENCE =
      "http://vm:19093/#/silences/new?filter="
          + "%7Balertname%3D%22GitlabDown%22%2C%20namespace%3D%22gitlab%22%2C%20severity%3D%22critical%22%7D";
  // The whole group in Alertmanager's UI, linked from a group's parent ("and M more").
  private static final String GROUP =
      "http://vm:19093/#/alerts?filter=%7Balertname%3D%22GitlabDown%22%7D";

  private final AlertmanagerEvents events = new AlertmanagerEvents();

  @Test
  void toEvents_whenRealFiringFixture_givesOneFiringEventWithEveryField() {
    AlertEvent event = only(bytes(FIRING));

    assertThat(event.source()).isEqualTo("alertmanager");
    assertThat(event.threadKey()).isEqualTo(GROUP_KEY);
    assertThat(event.status()).isEqualTo(Status.FIRING);
    assertThat(event.severity()).isEqualTo("critical");
    assertThat(event.title()).isEqualTo("GitlabDown");
    assertThat(event.summary()).isEqualTo("GitLab is down");
    assertThat(event.description()).isEmpty();
    assertThat(event.labels()).isEqualTo(LABELS);
    assertThat(event.links())
        .containsExactly(
            new Link("Source", "http://127.0.0.1/x"),
            new Link("Silence", SILENCE),
            new Link("Alertmanager", GROUP));
    assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-11-25T16:26:14.957732719Z"));
    assertThat(event.endsAt()).as("Go zero time means still firing").isNull();
    assertThat(event.dedupeKey()).matches("alertmanager:[0-9a-f]{64}");
  }

  @Test
  void groupLabels_areTheGroupingLabelsPlusTheCommonAlertName_withoutEmptyValues() {
    String body =
        """
        {"groupKey":"{}:{namespace=\\"gitlab\\"}","status":"firing",
         "groupLabels":{"namespace":"gitlab","cluster":""},
         "commonLabels":{"alertname":"PodCrashLooping","namespace":"gitlab"},
         "alerts":[{"status":"firing","labels":{"alertname":"PodCrashLooping","pod":"a"}}]}
        """;

    AlertEvent event = only(body.getBytes(StandardCharsets.UTF_8));

    assertThat(event.groupLabels())
        .isEqualTo(Map.of("namespace", "gitlab", "alertname", "PodCrashLooping"));
    assertThat(only(bytes(FIRING)).groupLabels()).isEqualTo(Map.of("alertname", "GitlabDown"));
  }

  @Test
  void toEvents_whenRealResolvedFixture_givesResolvedEventInTheSameThread() {
    AlertEvent firing = only(bytes(FIRING));
    AlertEvent resolved = only(bytes(RESOLVED));

    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.threadKey()).isEqualTo(firing.threadKey());
    assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-11-25T16:26:21Z"));
    assertThat(resolved.startsAt()).isEqualTo(firing.startsAt());
    assertThat(resolved.links())
        .as("empty generatorURL is left out")
        .containsExactly(new Link("Silence", SILENCE), new Link("Alertmanager", GROUP));
    assertThat(resolved.dedupeKey()).isNotEqualTo(firing.dedupeKey());
  }

  @Test
  void dedupeKey_whenSameNotificationTwice_isEqual_andDiffersForNewStartsAtOrGroup() {
    String first = only(bytes(FIRING)).dedupeKey();

    assertThat(only(bytes(FIRING)).dedupeKey()).isEqualTo(first);
    assertThat(only(AlertmanagerFixtures.refired("2026-11-25T18:00:00Z")).dedupeKey())
        .isNotEqualTo(first);
    String otherGroup =
        AlertmanagerFixtures.text(FIRING).replace("GitlabDown\\\"}\"", "GitlabDown2\\\"}\"");
    assertThat(otherGroup).isNotEqualTo(AlertmanagerFixtures.text(FIRING));
    assertThat(only(otherGroup.getBytes(StandardCharsets.UTF_8)).dedupeKey()).isNotEqualTo(first);
  }

  @Test
  void parse_whenUnknownFieldsEverywhere_ignoresThem() {
    String body =
        AlertmanagerFixtures.text(FIRING)
            .replace("\"receiver\": \"bot\",", "\"receiver\": \"bot\", \"future\": {\"x\": [1]},")
            .replace("\"fingerprint\"", "\"newField\": true, \"fingerprint\"");

    assertThat(only(body.getBytes(StandardCharsets.UTF_8)).title()).isEqualTo("GitlabDown");
  }

  @Test
  void toEvents_whenOnlyAlertsWithStatusAndLabels_fillsDefaults() {
    String body = "{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"team\":\"sre\"}}]}";

    AlertEvent event = only(body.getBytes(StandardCharsets.UTF_8));

    assertThat(event.status()).isEqualTo(Status.FIRING);
    assertThat(event.severity()).isEqualTo("unknown");
    assertThat(event.title()).isEqualTo("unnamed alert");
    assertThat(event.summary()).isEmpty();
    assertThat(event.threadKey()).isEqualTo(":{}");
    assertThat(event.links()).isEmpty();
    assertThat(event.startsAt()).isNull();
    assertThat(event.endsAt()).isNull();
  }

  @Test
  void toEvents_whenAnnotationsHaveMessageAndRunbook_mapsSummaryDescriptionAndLinks() {
    String body =
        "{\"groupKey\":\"g\",\"externalURL\":\"https://am.example/\",\"alerts\":[{\"status\":"
            + "\"firing\",\"labels\":{\"alertname\":\"A\"},\"annotations\":{\"message\":\"m\","
            + "\"runbook_url\":\"https://runbooks/a\"}},{\"status\":\"firing\",\"labels\":"
            + "{\"alertname\":\"B\"},\"annotations\":{\"summary\":\"s\",\"message\":\"m\","
            + "\"runbook_url\":\"javascript:alert(1)\"}}]}";

    List<AlertEvent> both = events.toEvents(events.parse(body.getBytes(StandardCharsets.UTF_8)));

    assertThat(both.get(0).summary()).isEqualTo("m");
    assertThat(both.get(0).description()).isEmpty();
    assertThat(both.get(0).links())
        .containsExactly(
            new Link("Runbook", "https://runbooks/a"),
            new Link(
                "Silence", "https://am.example/#/silences/new?filter=%7Balertname%3D%22A%22%7D"));
    assertThat(both.get(1).summary()).isEqualTo("s");
    assertThat(both.get(1).description()).isEqualTo("m");
    assertThat(both.get(1).links()).extracting(Link::label).containsExactly("Silence");
  }

  @Test
  void parse_whenNotJson_isRejectedWithShortReason() {
    assertThatThrownBy(() -> events.parse("{\"alerts\": [".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedAlertPayloadException.class)
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void parse_whenNoAlertsArray_isRejected() {
    assertThatThrownBy(
            () -> events.parse("{\"receiver\":\"bot\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedAlertPayloadException.class)
        .hasMessage("payload has no \"alerts\" array");
  }

  @Test
  void toEvents_whenStatusUnknownOrTimeInvalid_isRejectedNamingTheAlert() {
    byte[] badStatus = "{\"alerts\":[{\"status\":\"exploded\"}]}".getBytes(StandardCharsets.UTF_8);
    byte[] badTime =
        "{\"alerts\":[{\"status\":\"firing\"},{\"status\":\"firing\",\"startsAt\":\"yesterday\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> events.toEvents(events.parse(badStatus)))
        .isInstanceOf(MalformedAlertPayloadException.class)
        .hasMessage("alert 0 has status \"exploded\"; expected firing or resolved");
    assertThatThrownBy(() -> events.toEvents(events.parse(badTime)))
        .isInstanceOf(MalformedAlertPayloadException.class)
        .hasMessage("alert 1 has a startsAt that is not an RFC 3339 time");
  }

  private AlertEvent only(byte[] body) {
    List<AlertEvent> parsed = events.toEvents(events.parse(body));
    assertThat(parsed).hasSize(1);
    return parsed.get(0);
  }
}
