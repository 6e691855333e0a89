package io.gitlabopsbot.store;

import com.zaxxer.hikari.HikariConfig;
import io.gitlabopsbot.config.StoreSettings;
import java.time.Duration;

/** The connection pool settings of the store: every wait bounded, the password never logged. */
final class HikariPools {

  static final String POOL_NAME = "gitlab-ops-bot-store";
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  private HikariPools() {}

  static HikariConfig config(StoreSettings settings, String url, String vendor) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(POOL_NAME);
    config.setJdbcUrl(url);
    if (settings.username() != null && !settings.username().isBlank()) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null && !settings.password().isBlank()) {
      config.setPassword(settings.password().value());
    }
    config.setMaximumPoolSize(Math.max(1, settings.maxPoolSize()));
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
    // One attempt at startup: a wrong URL or password should stop the bot with a clear error now;
    // the process supervisor restarts it, rather than the pool retrying silently.
    config.setInitializationFailTimeout(1);
    if (JdbcUrls.POSTGRESQL.equals(vendor)) {
      // Bound every network wait; values written in the URL take precedence over these.
      config.addDataSourceProperty("connectTimeout", "5");
      config.addDataSourceProperty("socketTimeout", "60");
      config.addDataSourceProperty("tcpKeepAlive", "true");
      config.addDataSourceProperty("ApplicationName", "gitlab-ops-bot");
    }
    return config;
  }
}
