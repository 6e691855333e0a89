package io.gitlabopsbot.config;

/**
 * The bot's own database.
 *
 * @param jdbcUrl {@code jdbc:h2:file:…} (default, embedded) or {@code jdbc:postgresql://…}
 * @param password from {@code GITLAB_OPS_BOT_DB_PASSWORD}; null when not needed
 */
public record StoreSettings(String jdbcUrl, String username, Secret password, int maxPoolSize) {

  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }
}
