package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.Block;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The buttons on an alert thread's parent: Silence 1h / 4h / 24h and Acknowledge. Each carries only
 * the thread's opaque action ID; what it acts on is looked up in the store.
 */
public final class AlertButtons {

  /** Action ID of the Acknowledge button. */
  public static final String ACK = "alert_ack";

  /** Prefix of the Silence buttons' action IDs, followed by the duration (e.g. {@code 4h}). */
  public static final String SILENCE_PREFIX = "alert_silence_";

  /** The silence lengths offered, in button order. */
  static final Map<String, Duration> SILENCES = silences();

  /** The pattern of every action ID handled here, for registering the Slack listener. */
  public static final String ACTION_PATTERN = ACK + "|" + SILENCE_PREFIX + "(1h|4h|24h)";

  private AlertButtons() {}

  private static Map<String, Duration> silences() {
    Map<String, Duration> lengths = new LinkedHashMap<>();
    lengths.put("1h", Duration.ofHours(1));
    lengths.put("4h", Duration.ofHours(4));
    lengths.put("24h", Duration.ofHours(24));
    return java.util.Collections.unmodifiableMap(lengths);
  }

  /** Whether {@code actionId} is one of these buttons. */
  public static boolean handles(String actionId) {
    return ACK.equals(actionId) || silence(actionId).isPresent();
  }

  /** How long the Silence button {@code actionId} silences; empty for any other action. */
  static Optional<Duration> silence(String actionId) {
    if (actionId == null || !actionId.startsWith(SILENCE_PREFIX)) {
      return Optional.empty();
    }
    return Optional.ofNullable(SILENCES.get(actionId.substring(SILENCE_PREFIX.length())));
  }

  /**
   * The buttons for a parent, or none.
   *
   * @param silence whether Silence buttons are offered (Alertmanager configured, group labels)
   * @param ack whether the Acknowledge button is offered (nobody acknowledged yet)
   */
  static List<Block.Button> of(String actionId, boolean silence, boolean ack) {
    List<Block.Button> buttons = new ArrayList<>();
    if (actionId == null) {
      return buttons;
    }
    if (ack) {
      buttons.add(new Block.Button(ACK, "Acknowledge", actionId, Block.ButtonStyle.PRIMARY));
    }
    if (silence) {
      SILENCES
          .keySet()
          .forEach(
              length ->
                  buttons.add(
                      new Block.Button(
                          SILENCE_PREFIX + length,
                          "Silence " + length,
                          actionId,
                          Block.ButtonStyle.DEFAULT)));
    }
    return buttons;
  }
}
