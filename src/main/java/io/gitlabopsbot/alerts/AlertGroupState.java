package io.gitlabopsbot.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The instances of one alert group as its Slack parent shows them: the latest event of each
 * instance (label set), in the order they first arrived.
 */
record AlertGroupState(Map<String, Instance> instances) {

  AlertGroupState {
    instances = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instances));
  }

  static final AlertGroupState EMPTY = new AlertGroupState(Map.of());

  /**
   * One alert of the group.
   *
   * @param firstRow the inbox row that first brought it, for a stable order
   */
  record Instance(String key, AlertEvent event, long firstRow) {
    boolean firing() {
      return event.status() == AlertEvent.Status.FIRING;
    }
  }

  /** The state after {@code rows} (one group, arrival order), and what changed worth a reply. */
  Applied apply(List<PendingAlert> rows) {
    Map<String, Instance> next = new LinkedHashMap<>(instances);
    Map<String, Instance> changed = new LinkedHashMap<>();
    for (PendingAlert row : rows) {
      String key = key(row.event());
      Instance old = next.get(key);
      Instance now = new Instance(key, row.event(), old == null ? row.id() : old.firstRow());
      next.put(key, now);
      changed.put(key, now);
    }
    AlertGroupState after = new AlertGroupState(sorted(next));
    List<AlertEvent> newlyFiring = new ArrayList<>();
    for (Instance instance : changed.values()) {
      Instance before = instances.get(instance.key());
      if (instance.firing() && (before == null || !before.firing())) {
        newlyFiring.add(instance.event());
      }
    }
    return new Applied(after, List.copyOf(changed.values()), newlyFiring);
  }

  /**
   * The outcome of {@link #apply}.
   *
   * @param changed the instances whose stored state must be written
   * @param newlyFiring instances that fire now and did not before (new, or firing again)
   */
  record Applied(AlertGroupState state, List<Instance> changed, List<AlertEvent> newlyFiring) {}

  int firing() {
    return (int) instances.values().stream().filter(Instance::firing).count();
  }

  int resolved() {
    return instances.size() - firing();
  }

  boolean allResolved() {
    return !instances.isEmpty() && firing() == 0;
  }

  List<Instance> firingInstances() {
    return instances.values().stream().filter(Instance::firing).toList();
  }

  /** The highest severity among firing instances; among all of them once none fires. */
  String severity() {
    List<Instance> pool = firing() > 0 ? firingInstances() : List.copyOf(instances.values());
    return pool.stream()
        .map(instance -> AlertMessages.severity(instance.event()))
        .max(Comparator.comparingInt(AlertGroupState::rank))
        .orElse("unknown");
  }

  /** An event that stands for the group: the newest firing one, else the newest of all. */
  AlertEvent representative() {
    AlertEvent firing = null;
    AlertEvent any = null;
    for (Instance instance : instances.values()) {
      any = instance.event();
      if (instance.firing()) {
        firing = instance.event();
      }
    }
    return firing != null ? firing : any;
  }

  /** Labels every instance has with the same value. */
  Map<String, String> commonLabels() {
    Map<String, String> common = null;
    for (Instance instance : instances.values()) {
      if (common == null) {
        common = new TreeMap<>(instance.event().labels());
      } else {
        Map<String, String> labels = instance.event().labels();
        common.entrySet().removeIf(label -> !label.getValue().equals(labels.get(label.getKey())));
      }
    }
    return common == null ? Map.of() : common;
  }

  /** 3 critical, 2 warning, 1 info, 0 anything else. */
  static int rank(String severity) {
    return switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
      case "critical", "error", "page" -> 3;
      case "warning", "warn" -> 2;
      case "info", "informational", "none" -> 1;
      default -> 0;
    };
  }

  /** What identifies an instance within its group: its labels (or its title without labels). */
  static String key(AlertEvent event) {
    Map<String, String> labels = new TreeMap<>(event.labels());
    String identity = labels.isEmpty() ? "title:" + event.title() : labels.toString();
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static Map<String, Instance> sorted(Map<String, Instance> instances) {
    Map<String, Instance> sorted = new LinkedHashMap<>();
    instances.values().stream()
        .sorted(Comparator.comparingLong(Instance::firstRow))
        .forEach(instance -> sorted.put(instance.key(), instance));
    return sorted;
  }
}
