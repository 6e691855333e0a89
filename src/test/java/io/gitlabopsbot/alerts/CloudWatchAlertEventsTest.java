package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.alerts.AlertEvent.Link;
import io.gitlabopsbot.alerts.AlertEvent.Status;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudWatchAlertEventsTest {

  private static final String FIXTURE_ALARM = SnsTestSigner.fixture().message();
  private static final String ARN =
      "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:gitlab-nodes-cpu-high";

  @Test
  void from_fixtureAlarm_isFiringCriticalWithConsoleLink() {
    AlertEvent event = CloudWatchAlertEvents.from(CloudWatchAlarm.parse(FIXTURE_ALARM));

    assertThat(event.source()).isEqualTo("cloudwatch");
    assertThat(event.threadKey()).isEqualTo(ARN);
    assertThat(event.status()).isEqualTo(Status.FIRING);
    assertThat(event.severity()).isEqualTo("critical");
    assertThat(event.title()).isEqualTo("gitlab-nodes-cpu-high");
    assertThat(event.summary()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints");
    assertThat(event.description())
        .isEqualTo(
            "GitLab node group CPU above 80%\n"
                + "State OK → ALARM\n"
                + "Condition: AWS/EC2 CPUUtilization AVERAGE over 300 s GreaterThanThreshold 80.0"
                + " [AutoScalingGroupName=eks-gitlab-app-nodes]");
    assertThat(event.labels())
        .isEqualTo(
            Map.of(
                "alarm", "gitlab-nodes-cpu-high",
                "region", "ap-northeast-1",
                "account", "123456789012",
                "namespace", "AWS/EC2",
                "metric", "CPUUtilization"));
    assertThat(event.links())
        .containsExactly(
            new Link(
                "CloudWatch console",
                "https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home"
                    + "?region=ap-northeast-1#alarmsV2:alarm/gitlab-nodes-cpu-high"));
    assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-11-25T16:05:00.123Z"));
    assertThat(event.endsAt()).isNull();
    assertThat(event.dedupeKey()).startsWith("cloudwatch:").hasSize("cloudwatch:".length() + 64);
  }

  @Test
  void from_okState_isResolvedAtTheStateChange() {
    AlertEvent event = CloudWatchAlertEvents.from(CloudWatchAlarm.parse(okAlarm()));

    assertThat(event.status()).isEqualTo(Status.RESOLVED);
    assertThat(event.threadKey()).isEqualTo(ARN);
    assertThat(event.endsAt()).isEqualTo(Instant.parse("2026-11-25T16:35:00.456Z"));
  }

  @Test
  void from_insufficientData_firesAsWarning() {
    String alarm =
        FIXTURE_ALARM.replace(
            "\"NewStateValue\":\"ALARM\"", "\"NewStateValue\":\"INSUFFICIENT_DATA\"");

    AlertEvent event = CloudWatchAlertEvents.from(CloudWatchAlarm.parse(alarm));

    assertThat(event.status()).isEqualTo(Status.FIRING);
    assertThat(event.severity()).isEqualTo("warning");
  }

  @Test
  void from_severityTagInDescription_overridesCritical() {
    String alarm =
        FIXTURE_ALARM.replace(
            "GitLab node group CPU above 80%", "GitLab node group CPU above 80% severity=Warning");

    assertThat(CloudWatchAlertEvents.from(CloudWatchAlarm.parse(alarm)).severity())
        .isEqualTo("warning");
  }

  @Test
  void dedupeKey_isTheSameForTheSameTransition_andDiffersPerState() {
    String first = CloudWatchAlertEvents.from(CloudWatchAlarm.parse(FIXTURE_ALARM)).dedupeKey();
    // The same transition re-sent with other wording (or in another SNS message) is one event.
    String reworded = FIXTURE_ALARM.replace("Threshold Crossed", "Threshold crossed");
    String sameAgain = CloudWatchAlertEvents.from(CloudWatchAlarm.parse(reworded)).dedupeKey();
    String ok = CloudWatchAlertEvents.from(CloudWatchAlarm.parse(okAlarm())).dedupeKey();

    assertThat(sameAgain).isEqualTo(first);
    assertThat(ok).isNotEqualTo(first);
  }

  @Test
  void from_alarmWithoutArn_keysOnAccountRegionAndName_withoutLink() {
    String alarm = FIXTURE_ALARM.replace("\"AlarmArn\":\"" + ARN + "\",", "");

    AlertEvent event = CloudWatchAlertEvents.from(CloudWatchAlarm.parse(alarm));

    assertThat(event.threadKey())
        .isEqualTo("123456789012:Asia Pacific (Tokyo):gitlab-nodes-cpu-high");
    assertThat(event.labels()).containsEntry("region", "Asia Pacific (Tokyo)");
    assertThat(event.links()).isEmpty();
  }

  @Test
  void from_chinaPartitionAlarmWithSpaces_linksTheChinaConsole() {
    String alarm =
        "{\"AlarmName\":\"gitlab db lag\",\"NewStateValue\":\"ALARM\","
            + "\"StateChangeTime\":\"2026-11-25T16:05:00.123+0000\","
            + "\"AlarmArn\":\"arn:aws-cn:cloudwatch:cn-north-1:123456789012:alarm:gitlab db lag\"}";

    AlertEvent event = CloudWatchAlertEvents.from(CloudWatchAlarm.parse(alarm));

    assertThat(event.links())
        .extracting(Link::url)
        .containsExactly(
            "https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1"
                + "#alarmsV2:alarm/gitlab%20db%20lag");
    assertThat(event.description()).isEqualTo("State ? → ALARM");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T16:05:00.123+0000",
        "2026-11-25T16:05:00.123+00:00",
        "2026-11-25T16:05:00.123Z",
        "2026-11-25T17:05:00.123+0100"
      })
  void parse_stateChangeTime_acceptsCloudWatchAndIsoOffsets(String time) {
    String alarm = FIXTURE_ALARM.replace("2026-11-25T16:05:00.123+0000", time);

    assertThat(CloudWatchAlarm.parse(alarm).stateChangedAt())
        .contains(Instant.parse("2026-11-25T16:05:00.123Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[]",
        "{\"NewStateValue\":\"ALARM\",\"StateChangeTime\":\"2026-11-25T16:05:00.123+0000\"}",
        "{\"AlarmName\":\"a\",\"NewStateValue\":\"BROKEN\","
            + "\"StateChangeTime\":\"2026-11-25T16:05:00.123+0000\"}",
        "{\"AlarmName\":\"a\",\"NewStateValue\":\"ALARM\"}",
        "{\"AlarmName\":\"a\",\"NewStateValue\":\"ALARM\",\"StateChangeTime\":\"yesterday\"}"
      })
  void parse_whenNotAnAlarmStateChange_isMalformed(String message) {
    assertThatThrownBy(() -> CloudWatchAlarm.parse(message))
        .isInstanceOf(CloudWatchAlarm.MalformedException.class);
  }

  static String okAlarm() {
    return FIXTURE_ALARM
        .replace("\"NewStateValue\":\"ALARM\"", "\"NewStateValue\":\"OK\"")
        .replace("\"OldStateValue\":\"OK\"", "\"OldStateValue\":\"ALARM\"")
        .replace("2026-11-25T16:05:00.123+0000", "2026-11-25T16:35:00.456+0000");
  }
}
