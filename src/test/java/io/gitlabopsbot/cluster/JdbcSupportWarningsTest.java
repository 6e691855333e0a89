package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcSupportWarningsTest {

  private static final Instant NOW = Instant.parse("2026-04-24T09:00:00Z");

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void claim_whenClaimedBefore_losesUntilReleased(TestDatabases.Kind kind) {
    try (Database database = kind.get()) {
      JdbcSupportWarnings warnings = new JdbcSupportWarnings(database.dataSource());

      assertThat(warnings.claim("prod", "1.30", "days-90", NOW)).isTrue();
      assertThat(warnings.claim("prod", "1.30", "days-90", NOW)).isFalse();
      assertThat(warnings.claim("prod", "1.30", "days-60", NOW)).isTrue();
      assertThat(warnings.claim("prod", "1.31", "days-90", NOW)).isTrue();
      assertThat(warnings.claim("other", "1.30", "days-90", NOW)).isTrue();

      warnings.release("prod", "1.30", "days-90");
      assertThat(warnings.claim("prod", "1.30", "days-90", NOW)).isTrue();
    }
  }
}
