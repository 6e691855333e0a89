package io.gitlabopsbot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies the schema migrations shipped in {@code classpath:db/migration} (portable SQL) and {@code
 * classpath:db/vendor/<vendor>} (SQL that differs between H2 and PostgreSQL, such as Quartz's).
 */
final class Migrations {

  static final String LOCATION = "classpath:db/migration";

  /** Followed by "h2" or "postgresql", the product the pool is connected to. */
  static final String VENDOR_LOCATION = "classpath:db/vendor/";

  private Migrations() {}

  /**
   * Brings the schema up to date. Safe to run from several replicas at once: Flyway serialises them
   * with a database lock, and a replica that finds everything applied does nothing.
   *
   * @return the schema version after migrating
   */
  static String apply(DataSource dataSource) {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(LOCATION, VENDOR_LOCATION + vendorOf(dataSource))
            .failOnMissingLocations(true)
            .validateMigrationNaming(true)
            // A store that holds the audit trail must never be wiped by a tool.
            .cleanDisabled(true)
            // Quartz's tables share this schema; if an operator created them with Quartz's own
            // script before our first run, the schema is not empty and Flyway would refuse to
            // start. Baselining at 0 still applies every one of our migrations.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load();
    flyway.migrate();
    // Read back rather than taken from the migrate result, which is empty when nothing was pending.
    var current = flyway.info().current();
    return current == null ? "none" : current.getVersion().getVersion();
  }

  /**
   * The vendor directory for the connected database, asked of the database itself: Flyway's own
   * {vendor} placeholder is not resolved together with failOnMissingLocations.
   */
  private static String vendorOf(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("h2")) {
        return JdbcUrls.H2;
      }
      if (product.contains("postgresql")) {
        return JdbcUrls.POSTGRESQL;
      }
      throw new StoreException("The store is a " + product + " database; use H2 or PostgreSQL.");
    } catch (SQLException e) {
      throw new StoreException(
          "Could not ask the store which database it is: " + e.getMessage(), e);
    }
  }
}
