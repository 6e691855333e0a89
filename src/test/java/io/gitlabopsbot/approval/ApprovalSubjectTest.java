package io.gitlabopsbot.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalSubjectTest {

  private static ApprovalSubject subject(Map<String, String> parameters) {
    return new ApprovalSubject("restore", "prod", "gitlab", "gitlab", parameters, "U0000REQ", "c1");
  }

  @Test
  void operationHash_isPinned_soStoredRequestsStayValidAcrossVersions() {
    ApprovalSubject subject = subject(Map.of("backup", "1700000000_2026_01_01_17.5.0"));

    assertThat(subject.canonical())
        .isEqualTo(
            "approval-subject/v1\nkind=7:restore\ntarget=4:prod\nnamespace=6:gitlab\n"
                + "release=6:gitlab\nrequester=8:U0000REQ\nparameters=1\n"
                + "6:backup=28:1700000000_2026_01_01_17.5.0\n");
    assertThat(subject.operationHash()).matches("[0-9a-f]{64}").isEqualTo(PINNED);
  }

  private static final String PINNED =
      "1b0b0af72ae5a615f24b48a8216b3f2542d3c22af29842a4d975ff72fe491034";

  @Test
  void operationHash_ignoresParameterInsertionOrderAndCorrelationId() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    ApprovalSubject other =
        new ApprovalSubject("restore", "prod", "gitlab", "gitlab", ba, "U0000REQ", "c2");

    assertThat(subject(ab).operationHash()).isEqualTo(other.operationHash());
    assertThat(subject(ab).parameters().keySet()).containsExactly("a", "b");
  }

  @Test
  void operationHash_changesWithEveryPartOfTheOperation() {
    ApprovalSubject base = subject(Map.of("backup", "b1"));

    assertThat(base.operationHash())
        .isNotEqualTo(subject(Map.of("backup", "b2")).operationHash())
        .isNotEqualTo(subject(Map.of("backup", "b1", "skip", "db")).operationHash())
        .isNotEqualTo(
            new ApprovalSubject(
                    "migrate", "prod", "gitlab", "gitlab", Map.of("backup", "b1"), "U0000REQ", "c1")
                .operationHash())
        .isNotEqualTo(
            new ApprovalSubject(
                    "restore",
                    "prod",
                    "gitlab2",
                    "gitlab",
                    Map.of("backup", "b1"),
                    "U0000REQ",
                    "c1")
                .operationHash())
        .isNotEqualTo(
            new ApprovalSubject(
                    "restore",
                    "prod",
                    "gitlab",
                    "gitlab",
                    Map.of("backup", "b1"),
                    "U0000OTHER",
                    "c1")
                .operationHash());
  }

  @Test
  void canonical_cannotBeForgedBySeparatorsInValues() {
    // Without length prefixes these two would encode alike.
    ApprovalSubject one = subject(Map.of("a", "1\n1:b=1:2"));
    ApprovalSubject two = subject(Map.of("a", "1", "b", "2"));

    assertThat(one.operationHash()).isNotEqualTo(two.operationHash());
  }
}
