package io.gitlabopsbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

  @Test
  void withH2Defaults_whenOptionsAbsent_appendsThem() {
    assertThat(JdbcUrls.withH2Defaults("jdbc:h2:file:./data/gitlab-ops-bot"))
        .isEqualTo(
            "jdbc:h2:file:./data/gitlab-ops-bot;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH");
  }

  @Test
  void withH2Defaults_whenOperatorSetsAnOption_keepsTheirs() {
    assertThat(JdbcUrls.withH2Defaults("jdbc:h2:file:./x;mode=PostgreSQL;AUTO_SERVER=TRUE"))
        .isEqualTo(
            "jdbc:h2:file:./x;mode=PostgreSQL;AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH");
  }

  @Test
  void withH2Defaults_whenInMemory_keepsDatabaseAlive() {
    assertThat(JdbcUrls.withH2Defaults("jdbc:h2:mem:t1")).endsWith(";DB_CLOSE_DELAY=-1");
    assertThat(JdbcUrls.withH2Defaults("jdbc:h2:mem:t1;DB_CLOSE_DELAY=10"))
        .contains("DB_CLOSE_DELAY=10")
        .doesNotContain("DB_CLOSE_DELAY=-1");
  }

  @Test
  void withH2Defaults_whenPostgres_leavesUrlAlone() {
    assertThat(JdbcUrls.withH2Defaults("jdbc:postgresql://db:5432/bot"))
        .isEqualTo("jdbc:postgresql://db:5432/bot");
  }

  @Test
  void h2File_findsPathOfEmbeddedUrlsOnly() {
    assertThat(JdbcUrls.h2File("jdbc:h2:file:./data/gitlab-ops-bot;MODE=PostgreSQL"))
        .contains(Path.of("./data/gitlab-ops-bot"));
    assertThat(JdbcUrls.h2File("jdbc:h2:./bot")).contains(Path.of("./bot"));
    assertThat(JdbcUrls.h2File("jdbc:h2:mem:t1")).isEmpty();
    assertThat(JdbcUrls.h2File("jdbc:h2:tcp://host/bot")).isEmpty();
    assertThat(JdbcUrls.h2File("jdbc:postgresql://db/bot")).isEmpty();
  }

  @Test
  void vendor_knowsH2AndPostgresOnly() {
    assertThat(JdbcUrls.vendor("jdbc:h2:mem:x")).contains("h2");
    assertThat(JdbcUrls.vendor("jdbc:postgresql://db/bot")).contains("postgresql");
    assertThat(JdbcUrls.vendor("jdbc:mysql://db/bot")).isEmpty();
  }

  @Test
  void redact_masksPasswordInEveryForm() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://db/bot?user=u&password=s3cr3t&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/bot?user=u&password=****&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:postgresql://db/bot?sslpassword=k3y&PASSWORD=s3cr3t"))
        .isEqualTo("jdbc:postgresql://db/bot?sslpassword=****&PASSWORD=****");
    assertThat(JdbcUrls.redact("jdbc:postgresql://u:s3cr3t@db:5432/bot"))
        .isEqualTo("jdbc:postgresql://u:****@db:5432/bot");
    assertThat(JdbcUrls.redact("jdbc:h2:file:./x;USER=sa;PASSWORD=s3cr3t;MODE=PostgreSQL"))
        .isEqualTo("jdbc:h2:file:./x;USER=sa;PASSWORD=****;MODE=PostgreSQL");
    assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/bot?user=u"))
        .isEqualTo("jdbc:postgresql://db:5432/bot?user=u");
  }

  @Test
  void passwordsIn_findsEveryPasswordValue() {
    assertThat(JdbcUrls.passwordsIn("jdbc:postgresql://u:one@db/bot?password=two&x=1"))
        .containsExactlyInAnyOrder("one", "two");
    assertThat(JdbcUrls.passwordsIn("jdbc:postgresql://db/bot?user=u")).isEmpty();
  }
}
