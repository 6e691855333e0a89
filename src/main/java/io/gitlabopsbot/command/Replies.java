package io.gitlabopsbot.command;

import io.gitlabopsbot.access.Decision;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.SlackText;

/** The dispatcher's own messages: refusals, failures and "started" notices. */
final class Replies {

  private Replies() {}

  static Message invalid(ParseResult.Invalid invalid, String slashCommand) {
    Message.Builder message =
        Message.builder("That command could not be run: " + invalid.problem())
            .section(":x: " + invalid.problem());
    if (invalid.usage() != null) {
      message.section("Usage: `" + SlackText.escape(invalid.usage()) + "`");
    }
    return message.context("See `" + slashCommand + " help` for every command.").build();
  }

  static Message denied(Decision.Denied denied) {
    return Message.builder("Not allowed: " + denied.reason())
        .section(":no_entry: " + denied.reason())
        .build();
  }

  static Message failed(String path, String correlationId, String why) {
    return Message.builder("`" + path + "` failed: " + why)
        .section(":x: `" + path + "` failed: " + why)
        .context("Reference `" + correlationId + "` — the bot log has the details.")
        .build();
  }

  static Message started(String path, String correlationId, boolean dryRun) {
    String what = dryRun ? "Dry run of `" + path + "` started" : "`" + path + "` started";
    return Message.builder(what)
        .section(":hourglass_flowing_sand: " + what + "; progress follows in this channel.")
        .context("Reference `" + correlationId + "`")
        .build();
  }
}
