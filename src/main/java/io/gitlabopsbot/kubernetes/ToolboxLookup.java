package io.gitlabopsbot.kubernetes;

/** The result of looking for the toolbox: found, or why it cannot be used. */
public sealed interface ToolboxLookup {

  /** Exactly one toolbox Deployment and a Ready pod of it. */
  record Found(Toolbox toolbox) implements ToolboxLookup {}

  /**
   * No usable toolbox.
   *
   * @param reason one sentence saying what was found and what to check next
   */
  record Unavailable(String reason) implements ToolboxLookup {}
}
