package io.gitlabopsbot.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory {@link AlertInbox} that dedupes like the real one and can be made to fail. */
final class SnsRecordingInbox implements AlertInbox {

  private final Map<String, AlertEvent> events = new LinkedHashMap<>();
  private boolean failing;

  /** While true, {@link #accept} throws as a store outage would. */
  synchronized void failing(boolean failing) {
    this.failing = failing;
  }

  synchronized List<AlertEvent> events() {
    return new ArrayList<>(events.values());
  }

  @Override
  public synchronized int accept(List<AlertEvent> batch) {
    if (failing) {
      throw new AlertInboxUnavailableException("test: inbox store is down", null);
    }
    int added = 0;
    for (AlertEvent event : batch) {
      if (events.putIfAbsent(event.dedupeKey(), event) == null) {
        added++;
      }
    }
    return added;
  }
}
