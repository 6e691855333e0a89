package io.gitlabopsbot.command;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import java.util.List;

/** {@code /gitlab whoami}: the IDs the bot sees and the roles they carry. */
public final class WhoAmIHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "whoami", List.of(), List.of(), "Show your Slack IDs and roles", Role.VIEWER, false);

  private final AccessPolicy access;

  public WhoAmIHandler(AccessPolicy access) {
    this.access = access;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    Caller caller = invocation.caller();
    String roles =
        String.join(", ", access.rolesOf(caller).stream().map(Role::key).sorted().toList());
    return CommandResult.ok(
        Message.builder("You are " + caller.userId() + " with roles " + roles)
            .fields(
                List.of(
                    new Block.Field(
                        "User", caller.userId() == null ? "-" : "`" + caller.userId() + "`"),
                    new Block.Field(
                        "Team", caller.teamId() == null ? "-" : "`" + caller.teamId() + "`"),
                    new Block.Field(
                        "Channel",
                        caller.channelId() == null ? "-" : "`" + caller.channelId() + "`"),
                    new Block.Field("Roles", roles.isEmpty() ? "none" : roles)))
            .build());
  }
}
