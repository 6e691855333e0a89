package io.gitlabopsbot.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.StoreException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcAuditLogTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");

  private final MutableClock clock = new MutableClock(T0);
  private Database database;
  private JdbcAuditLog audit;

  private void openOn(Supplier<Database> kind) {
    database = kind.get();
    audit = new JdbcAuditLog(database.dataSource(), clock);
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private static AuditEntry entry(Instant at, String correlationId, String arguments) {
    return new AuditEntry(
        at,
        correlationId,
        "slack",
        "T01",
        "C02",
        "U03",
        "restart",
        arguments,
        "allowed",
        "started",
        "queued");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void record_thenRecent_returnsEntryVerbatim(Supplier<Database> kind) {
    openOn(kind);
    AuditEntry given =
        new AuditEntry(
            T0,
            "corr-1",
            "slack",
            "T01",
            "C02",
            "U03",
            "restart",
            "deploy=webservice ns='gitlab'; DROP TABLE audit_log; -- Zürich 日本 🚀 token=[redacted]",
            "allowed",
            "started",
            "Ünïcødé detail — with “quotes”");

    audit.record(given);

    assertThat(audit.recent(10)).containsExactly(given);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void record_withoutTimestamp_usesClock(Supplier<Database> kind) {
    openOn(kind);

    audit.record(entry(null, "corr-1", "a"));

    assertThat(audit.recent(1)).singleElement().extracting(AuditEntry::at).isEqualTo(T0);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void recent_isNewestFirst_andTiesFollowInsertionOrder(Supplier<Database> kind) {
    openOn(kind);
    audit.record(entry(T0.plusSeconds(10), "middle", "a"));
    audit.record(entry(T0.plusSeconds(20), "newest", "a"));
    audit.record(entry(T0, "oldest", "a"));
    audit.record(entry(T0.plusSeconds(10), "middle-later", "a"));

    assertThat(audit.recent(10))
        .extracting(AuditEntry::correlationId)
        .containsExactly("newest", "middle-later", "middle", "oldest");
    assertThat(audit.recent(2))
        .extracting(AuditEntry::correlationId)
        .containsExactly("newest", "middle-later");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void recent_limitIsClampedTo1And200(Supplier<Database> kind) {
    openOn(kind);
    for (int i = 0; i < 205; i++) {
      audit.record(entry(T0.plusSeconds(i), "c" + i, "a"));
    }

    assertThat(audit.recent(0)).extracting(AuditEntry::correlationId).containsExactly("c204");
    assertThat(audit.recent(-3)).hasSize(1);
    assertThat(audit.recent(1000))
        .hasSize(200)
        .last()
        .extracting(AuditEntry::correlationId)
        .isEqualTo("c5");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void complete_updatesOnlyTheNewestEntryWithThatCorrelationId(Supplier<Database> kind) {
    openOn(kind);
    audit.record(entry(T0, "retry-1", "first try"));
    audit.record(entry(T0.plusSeconds(1), "other", "x"));
    audit.record(entry(T0.plusSeconds(2), "retry-1", "second try"));

    audit.complete("retry-1", "succeeded", "rolled out in 42 s");

    List<AuditEntry> entries = audit.recent(10);
    assertThat(entries)
        .extracting(AuditEntry::arguments, AuditEntry::outcome, AuditEntry::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("second try", "succeeded", "rolled out in 42 s"),
            org.assertj.core.groups.Tuple.tuple("x", "started", "queued"),
            org.assertj.core.groups.Tuple.tuple("first try", "started", "queued"));
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void complete_whenCorrelationIdUnknown_throwsRatherThanLoseTheOutcome(Supplier<Database> kind) {
    openOn(kind);

    assertThatThrownBy(() -> audit.complete("nope", "failed", "boom"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("failed");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void record_overlongFields_areShortenedNotRejected(Supplier<Database> kind) {
    openOn(kind);
    // The cut falls inside a surrogate pair: it must not leave half a character behind.
    String arguments = "a".repeat(JdbcAuditLog.MAX_ARGUMENTS - 2) + "🚀".repeat(100);
    String longId = "x".repeat(300);

    audit.record(
        new AuditEntry(
            T0,
            longId,
            "s".repeat(100),
            "T",
            "C",
            "U",
            "c".repeat(500),
            arguments,
            "allowed",
            "started",
            "d".repeat(5000)));
    audit.complete(longId, "succeeded", "e".repeat(5000));

    AuditEntry stored = audit.recent(1).get(0);
    assertThat(stored.arguments())
        .hasSizeLessThanOrEqualTo(JdbcAuditLog.MAX_ARGUMENTS)
        .startsWith("a".repeat(JdbcAuditLog.MAX_ARGUMENTS - 2))
        .endsWith("…");
    assertThat(stored.arguments().codePoints()).noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
    assertThat(stored.detail()).hasSize(JdbcAuditLog.MAX_DETAIL).endsWith("e…");
    assertThat(stored.outcome()).isEqualTo("succeeded");
    assertThat(stored.command()).hasSize(128);
    assertThat(stored.source()).hasSize(64);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void record_whenStoreUnavailable_throwsWithCause(Supplier<Database> kind) {
    openOn(kind);
    database.close();

    assertThatThrownBy(() -> audit.record(entry(T0, "corr-1", "a")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("restart")
        .hasMessageContaining("corr-1")
        .hasCauseInstanceOf(SQLException.class);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void record_keepsMicrosecondPrecision(Supplier<Database> kind) {
    openOn(kind);
    Instant at = T0.truncatedTo(ChronoUnit.MICROS);

    audit.record(entry(at, "corr-1", "a"));

    assertThat(audit.recent(1).get(0).at()).isEqualTo(at);
  }
}
