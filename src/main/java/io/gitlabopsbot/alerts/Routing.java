package io.gitlabopsbot.alerts;

import java.util.List;

/** Where one alert event goes: to one or more Slack channels, or nowhere because it is muted. */
public sealed interface Routing {

  /** Post to these channels (in rule order, no duplicates, never empty). */
  record Deliver(List<String> channels) implements Routing {
    public Deliver {
      channels = List.copyOf(channels);
      if (channels.isEmpty()) {
        throw new IllegalArgumentException("a delivery needs at least one channel");
      }
    }
  }

  /** Not posted: mute rule {@code name} (index {@code index} in the settings) matched. */
  record Muted(int index, String name) implements Routing {}
}
