package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportWarningDueTest {

  private static final LocalDate END = LocalDate.parse("2026-07-23");
  private static final List<Integer> THRESHOLDS = List.of(90, 60, 30, 14, 7, 1);

  @Test
  void on_whenMoreThanTheLargestThresholdLeft_isNothing() {
    assertThat(SupportWarningDue.on(END.minusDays(91), END, THRESHOLDS, false)).isEmpty();
  }

  @Test
  void on_whenExactlyOnAThreshold_isThatThreshold() {
    assertThat(SupportWarningDue.on(END.minusDays(90), END, THRESHOLDS, false))
        .contains(new SupportWarningDue.Threshold(90, 90));
    assertThat(SupportWarningDue.on(END.minusDays(1), END, THRESHOLDS, false))
        .contains(new SupportWarningDue.Threshold(1, 1));
  }

  @Test
  void on_whenSeveralThresholdsCrossed_isOnlyTheLatest() {
    assertThat(SupportWarningDue.on(END.minusDays(25), END, List.of(14, 90, 30, 60), false))
        .contains(new SupportWarningDue.Threshold(30, 25));
  }

  @Test
  void on_whenStandardSupportEndedOnExtendedPolicy_isBilling() {
    assertThat(SupportWarningDue.on(END, END, THRESHOLDS, true))
        .contains(new SupportWarningDue.ExtendedBilling(0));
    assertThat(SupportWarningDue.on(END.plusDays(3), END, THRESHOLDS, true))
        .contains(new SupportWarningDue.ExtendedBilling(3));
  }

  @Test
  void on_whenStandardSupportEndedOnStandardPolicy_isNothing() {
    assertThat(SupportWarningDue.on(END, END, THRESHOLDS, false)).isEmpty();
  }
}
