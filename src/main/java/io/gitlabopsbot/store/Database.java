package io.gitlabopsbot.store;

import com.zaxxer.hikari.HikariDataSource;
import io.gitlabopsbot.config.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own relational store: a connection pool over H2 (embedded default) or PostgreSQL
 * (production, shared by replicas), with the schema migrated before it is handed out.
 */
public final class Database implements AutoCloseable {

  /** The system property that makes H2 bind its servers to one address. */
  static final String H2_BIND_ADDRESS = "h2.bindAddress";

  /** H2's error code for "Database may be already in use". */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  static {
    // H2's AUTO_SERVER (the default store URL) starts a TCP server for other bot processes on the
    // same machine; without a bind address it listens on every interface. H2 reads this property
    // once, when it loads, and it loads only through this class.
    if (System.getProperty(H2_BIND_ADDRESS) == null) {
      System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
    }
  }

  private final HikariDataSource pool;
  private final String vendor;
  private final String redactedUrl;
  // Readiness probes run here, so a hung connect cannot hold the caller past its timeout.
  private final ExecutorService probes;

  private Database(HikariDataSource pool, String vendor, String redactedUrl) {
    this.pool = pool;
    this.vendor = vendor;
    this.redactedUrl = redactedUrl;
    this.probes =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, HikariPools.POOL_NAME + "-probe");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Opens the pool and applies pending migrations.
   *
   * @throws StoreException if the database cannot be reached or migrated; the message names the URL
   *     (password removed) and what to check
   */
  public static Database open(StoreSettings settings) {
    Objects.requireNonNull(settings, "settings");
    String url = Objects.requireNonNull(settings.jdbcUrl(), "settings.jdbcUrl").strip();
    String redacted = JdbcUrls.redact(url);
    String vendor =
        JdbcUrls.vendor(url)
            .orElseThrow(
                () ->
                    new StoreException(
                        "Unsupported store URL "
                            + redacted
                            + ": use jdbc:h2:file:… (embedded) or jdbc:postgresql://… ."));
    List<String> secrets = new ArrayList<>(JdbcUrls.passwordsIn(url));
    if (settings.password() != null) {
      secrets.add(settings.password().value());
    }
    SecretScrubber scrubber = new SecretScrubber(secrets);
    String effectiveUrl = JdbcUrls.withH2Defaults(url);
    createH2Directory(effectiveUrl, redacted);

    HikariDataSource pool;
    try {
      pool = new HikariDataSource(HikariPools.config(settings, effectiveUrl, vendor));
    } catch (RuntimeException e) {
      if (JdbcUrls.H2.equals(vendor) && heldByAnotherProcess(e)) {
        throw new StoreException(
            "The store "
                + redacted
                + " is in use by a running bot: use PostgreSQL (store.jdbcUrl) to share it, or run"
                + " the command inside that bot's pod (kubectl exec).",
            scrubber.scrub(e));
      }
      throw new StoreException(
          "Could not connect to the store at "
              + redacted
              + ": "
              + scrubber.scrub(rootMessage(e))
              + ". "
              + whatToCheck(vendor),
          scrubber.scrub(e));
    }
    try {
      String version = Migrations.apply(pool);
      log.info("Store {} ({}) is at schema version {}", redacted, vendor, version);
      return new Database(pool, vendor, redacted);
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreException(
          "Could not apply the schema migrations to the store at "
              + redacted
              + ": "
              + scrubber.scrub(rootMessage(e))
              + ". Check the flyway_schema_history table and that the database user may create"
              + " tables; "
              + whatToCheck(vendor),
          scrubber.scrub(e));
    }
  }

  /** The pooled connections; callers close every connection they borrow. */
  public DataSource dataSource() {
    return pool;
  }

  /** "h2" or "postgresql". */
  public String vendor() {
    return vendor;
  }

  /** The JDBC URL with any password masked, for logs and status messages. */
  public String redactedUrl() {
    return redactedUrl;
  }

  /**
   * Whether a pooled connection answers within {@code timeout}; false on any error, after close, or
   * when the answer takes longer. Never throws.
   */
  public boolean isReachable(Duration timeout) {
    if (pool.isClosed() || probes.isShutdown()) {
      return false;
    }
    Future<Boolean> probe = null;
    try {
      int validSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
      probe =
          probes.submit(
              () -> {
                try (Connection connection = pool.getConnection()) {
                  return connection.isValid(validSeconds);
                }
              });
      return probe.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    } finally {
      if (probe != null) {
        probe.cancel(true);
      }
    }
  }

  @Override
  public void close() {
    probes.shutdownNow();
    pool.close();
  }

  private static void createH2Directory(String url, String redacted) {
    Path parent = JdbcUrls.h2File(url).map(Path::toAbsolutePath).map(Path::getParent).orElse(null);
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StoreException(
          "Could not create the directory "
              + parent
              + " for the embedded store "
              + redacted
              + ": check that the bot may write there, or set another jdbc:h2:file: path.",
          e);
    }
  }

  private static String whatToCheck(String vendor) {
    return JdbcUrls.H2.equals(vendor)
        ? "Check that no other gitlab-ops-bot process has this H2 file open (H2 locks it) and"
            + " that its directory is writable."
        : "Check that the PostgreSQL server is reachable from the bot, that the database exists,"
            + " and that the user and the password in GITLAB_OPS_BOT_DB_PASSWORD are right.";
  }

  /** Whether H2 refused the file because another process has it open (and shares it with none). */
  private static boolean heldByAnotherProcess(Throwable error) {
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql
          && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
        return true;
      }
      String message = String.valueOf(t.getMessage());
      if (message.contains("The file is locked") || message.contains("already in use")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
