package io.gitlabopsbot.command;

import io.gitlabopsbot.config.TargetSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The GitLab installations the bot operates, and which one a command without --target means. */
public final class Targets {

  private final Map<String, TargetSettings> byName;
  private final String defaultName;

  public Targets(Map<String, TargetSettings> byName, String defaultName) {
    this.byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    this.defaultName = defaultName;
  }

  /** The named target, or the default when {@code name} is null. */
  public Optional<TargetSettings> find(String name) {
    return Optional.ofNullable(byName.get(name == null ? defaultName : name));
  }

  public java.util.Collection<TargetSettings> all() {
    return byName.values();
  }

  public Set<String> names() {
    return byName.keySet();
  }

  public String defaultName() {
    return defaultName;
  }
}
