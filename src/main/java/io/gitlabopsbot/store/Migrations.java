package io.gitlabopsbot.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the schema migrations shipped in {@code classpath:db/migration}. */
final class Migrations {

  static final String LOCATION = "classpath:db/migration";

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
            .locations(LOCATION)
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
}
