package io.gitlabopsbot.migration;

/** Whether a bot serves on the store this process shares, so long work can be left to it. */
@FunctionalInterface
public interface ServingBots {

  /** For the bot itself: it does its work, leaving it to no one. */
  ServingBots NONE = () -> false;

  boolean present();
}
