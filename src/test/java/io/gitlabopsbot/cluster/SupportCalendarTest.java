package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SupportCalendarTest {

  private final SupportCalendar calendar = SupportCalendar.bundled();

  @Test
  void bundled_knowsPublishedDatesOfAListedVersion() {
    assertThat(calendar.find("1.31"))
        .contains(
            new VersionSupport("1.31", LocalDate.of(2025, 11, 26), LocalDate.of(2026, 11, 26)));
  }

  @Test
  void bundled_extendedSupportEndsAYearAfterStandardSupport_forEveryVersion() {
    assertThat(calendar.versions()).isNotEmpty();
    assertThat(calendar.versions())
        .allSatisfy(
            v ->
                assertThat(v.endOfExtendedSupport())
                    .isEqualTo(v.endOfStandardSupport().plusYears(1)));
  }

  @Test
  void find_whenVersionNotInTable_isEmpty() {
    assertThat(calendar.find("1.99")).isEmpty();
  }
}
