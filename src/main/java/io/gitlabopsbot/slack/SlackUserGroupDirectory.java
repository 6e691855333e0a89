package io.gitlabopsbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.usergroups.users.UsergroupsUsersListRequest;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import io.gitlabopsbot.access.UserGroupDirectory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group members from Slack's {@code usergroups.users.list}, cached per group for a short time so a
 * burst of commands costs one call. A failed refresh is an error, never an old answer: after the
 * TTL the cached members may be wrong (someone left the on-call group), and access checks must not
 * rely on them.
 */
public final class SlackUserGroupDirectory implements UserGroupDirectory {

  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private final MethodsClient methods;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public SlackUserGroupDirectory(MethodsClient methods, Clock clock) {
    this(methods, clock, DEFAULT_TTL);
  }

  public SlackUserGroupDirectory(MethodsClient methods, Clock clock, Duration ttl) {
    this.methods = Objects.requireNonNull(methods, "methods");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  @Override
  public Set<String> members(String userGroupId) {
    Instant now = clock.instant();
    Cached cached = cache.get(userGroupId);
    if (cached != null && now.isBefore(cached.fetchedAt().plus(ttl))) {
      return cached.members();
    }
    Set<String> members = fetch(userGroupId);
    cache.put(userGroupId, new Cached(members, now));
    return members;
  }

  private Set<String> fetch(String userGroupId) {
    UsergroupsUsersListResponse response;
    try {
      response =
          methods.usergroupsUsersList(
              UsergroupsUsersListRequest.builder().usergroup(userGroupId).build());
    } catch (IOException | SlackApiException e) {
      throw new UserGroupLookupException(
          "could not read the members of Slack user group "
              + userGroupId
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); access granted through this group is denied until Slack answers",
          e);
    }
    if (!response.isOk()) {
      String hint =
          switch (String.valueOf(response.getError())) {
            case "missing_scope" ->
                "add the scope " + response.getNeeded() + " to the Slack app and reinstall it";
            case "no_such_subteam" -> "check the user-group ID (S…) in the roles configuration";
            case "invalid_auth", "not_authed", "token_revoked", "token_expired" ->
                "check SLACK_BOT_TOKEN";
            default -> "see https://api.slack.com/methods/usergroups.users.list#errors";
          };
      throw new UserGroupLookupException(
          "Slack refused usergroups.users.list for "
              + userGroupId
              + " with "
              + response.getError()
              + ": "
              + hint,
          null);
    }
    return response.getUsers() == null ? Set.of() : Set.copyOf(response.getUsers());
  }

  private record Cached(Set<String> members, Instant fetchedAt) {}
}
