package io.gitlabopsbot.store;

import io.gitlabopsbot.config.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Fresh, isolated, migrated databases for tests, of both kinds the bot supports.
 *
 * <ul>
 *   <li>{@link #h2()}: a new in-memory H2 database (PostgreSQL mode) on every call.
 *   <li>{@link #postgres()}: a new database {@code t_<random>} on one real PostgreSQL server (zonky
 *       embedded binaries) that is started on first use and shared by the whole test JVM, so tests
 *       never see each other's rows and the server starts only once.
 *   <li>{@link #both()}: for {@code @ParameterizedTest @MethodSource("io.gitlabopsbot.store
 *       .TestDatabases#both")}; each argument is a {@link Kind} (named "h2" / "postgresql") and a
 *       {@code Supplier<Database>}, so the database is opened inside the test, not up front.
 * </ul>
 *
 * <p>The caller closes each {@link Database} it gets (for example in {@code @AfterEach}). To open a
 * second pool on the same database, as a second bot replica would, take {@link Kind#newSettings()}
 * and call {@link Database#open} twice. A PostgreSQL server that cannot start fails the test with
 * the reason; it is never skipped silently.
 */
public final class TestDatabases {

  /** The two kinds of store; a {@code Supplier<Database>} of a fresh database of that kind. */
  public enum Kind implements Supplier<Database> {
    H2,
    POSTGRESQL;

    /** Settings for a new, empty database of this kind (nothing is migrated until opened). */
    public StoreSettings newSettings() {
      return this == H2 ? h2Settings() : postgresSettings();
    }

    @Override
    public Database get() {
      return Database.open(newSettings());
    }
  }

  private TestDatabases() {}

  /** A new, migrated in-memory H2 database. */
  public static Database h2() {
    return Kind.H2.get();
  }

  /** A new, migrated database on the shared embedded PostgreSQL server. */
  public static Database postgres() {
    return Kind.POSTGRESQL.get();
  }

  /** Both kinds, named "h2" and "postgresql", for parameterized tests. */
  public static Stream<Arguments> both() {
    return Stream.of(
        Arguments.of(Named.of("h2", Kind.H2)),
        Arguments.of(Named.of("postgresql", Kind.POSTGRESQL)));
  }

  /** Settings for a new in-memory H2 database. */
  public static StoreSettings h2Settings() {
    return new StoreSettings("jdbc:h2:mem:t_" + randomName(), "sa", null, 2);
  }

  /** Creates a new, empty database on the shared PostgreSQL server and returns its settings. */
  public static StoreSettings postgresSettings() {
    EmbeddedPostgres server = SharedPostgres.server();
    String name = "t_" + randomName();
    try (Connection admin = server.getPostgresDatabase().getConnection();
        Statement create = admin.createStatement()) {
      create.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return new StoreSettings(server.getJdbcUrl("postgres", name), "postgres", null, 2);
  }

  /** The shared embedded PostgreSQL server, started on first use. */
  public static EmbeddedPostgres postgresServer() {
    return SharedPostgres.server();
  }

  private static String randomName() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Holder idiom: the JVM starts the server once, on first use, thread-safely. */
  private static final class SharedPostgres {
    private static final EmbeddedPostgres SERVER = start();

    static EmbeddedPostgres server() {
      return SERVER;
    }

    private static EmbeddedPostgres start() {
      try {
        // The server is stopped by zonky's shutdown hook when the test JVM exits.
        return EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "The embedded PostgreSQL server (zonky) could not start: " + e.getMessage(), e);
      }
    }
  }
}
