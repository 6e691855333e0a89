package io.gitlabopsbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.config.StoreSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {

  private static final String CANARY = "CANARY-pw-5f1e9c";
  private static final String CANARY_SECRET = "CANARY-secret-8d2a41";

  private final List<Database> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Database::close);
  }

  private Database open(StoreSettings settings) {
    Database database = Database.open(settings);
    opened.add(database);
    return database;
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void open_twiceOnSameDatabase_appliesEachMigrationOnce(TestDatabases.Kind kind) throws Exception {
    StoreSettings settings = kind.newSettings();
    open(settings);
    Database second = open(settings);

    assertThat(second.vendor()).isEqualTo(kind == TestDatabases.Kind.H2 ? "h2" : "postgresql");
    assertThat(
            queryStrings(
                second,
                "SELECT version FROM flyway_schema_history WHERE success"
                    + " AND version IS NOT NULL AND version <> '0' ORDER BY installed_rank"))
        // Each migration exactly once, whatever migrations later work adds.
        .doesNotHaveDuplicates()
        .startsWith("1", "2");
    assertThat(queryStrings(second, "SELECT COUNT(*) FROM audit_log")).containsExactly("0");
    assertThat(queryStrings(second, "SELECT COUNT(*) FROM inbound_request_nonce"))
        .containsExactly("0");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void isReachable_whenOpen_isTrue(TestDatabases.Kind kind) {
    Database database = open(kind.newSettings());

    assertThat(database.isReachable(Duration.ofSeconds(2))).isTrue();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void isReachable_afterClose_isFalseQuickly(TestDatabases.Kind kind) {
    Database database = Database.open(kind.newSettings());
    database.close();

    long start = System.nanoTime();
    boolean reachable = database.isReachable(Duration.ofSeconds(2));

    assertThat(reachable).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void isReachable_whenPostgresServerStops_isFalseWithinTimeout() throws Exception {
    Database database;
    try (var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start()) {
      database =
          open(new StoreSettings(server.getJdbcUrl("postgres", "postgres"), "postgres", null, 2));
      assertThat(database.isReachable(Duration.ofSeconds(2))).isTrue();
    }

    long start = System.nanoTime();
    boolean reachable = database.isReachable(Duration.ofMillis(1500));

    assertThat(reachable).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void open_unreachablePostgres_failsWithoutRevealingPassword() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/bot?user=bot&password=" + CANARY;
    StoreSettings settings = new StoreSettings(url, "bot", new Secret(CANARY_SECRET), 2);

    try (LogCapture logs = new LogCapture()) {
      assertThatThrownBy(() -> open(settings))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("127.0.0.1:" + port + "/bot")
          .hasMessageContaining("password=****")
          .hasMessageContaining("GITLAB_OPS_BOT_DB_PASSWORD")
          .satisfies(e -> assertThat(e.getCause()).isNotNull())
          .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain(CANARY, CANARY_SECRET));
      assertThat(String.join("\n", logs.lines())).doesNotContain(CANARY, CANARY_SECRET);
    }
  }

  @Test
  void open_postgresWithPasswordInUrl_neverLogsIt() {
    StoreSettings fresh = TestDatabases.postgresSettings();
    // The embedded server trusts local connections, so the password is accepted and ignored.
    StoreSettings withPassword =
        new StoreSettings(
            fresh.jdbcUrl() + "&password=" + CANARY, "postgres", new Secret(CANARY_SECRET), 2);

    try (LogCapture logs = new LogCapture()) {
      Database database = open(withPassword);

      assertThat(database.redactedUrl()).doesNotContain(CANARY).contains("password=****");
      assertThat(logs.lines()).isNotEmpty();
      assertThat(String.join("\n", logs.lines())).doesNotContain(CANARY, CANARY_SECRET);
    }
  }

  @Test
  void open_unsupportedUrl_namesTheSupportedKinds() {
    StoreSettings settings =
        new StoreSettings("jdbc:mysql://db/bot?password=" + CANARY, "u", null, 2);

    assertThatThrownBy(() -> open(settings))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining(CANARY);
  }

  @Test
  void open_h2File_createsDirectoryAndAppliesDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nested/data/gitlab-ops-bot");
    Database database = open(new StoreSettings("jdbc:h2:file:" + file, "sa", null, 2));

    assertThat(Files.exists(dir.resolve("nested/data/gitlab-ops-bot.mv.db"))).isTrue();
    assertThat(
            queryStrings(
                database,
                "SELECT setting_value FROM information_schema.settings"
                    + " WHERE setting_name = 'MODE'"))
        .containsExactly("PostgreSQL");
    assertThat(database.vendor()).isEqualTo("h2");
  }

  private static List<String> queryStrings(Database database, String sql) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private static String stackTraceOf(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
