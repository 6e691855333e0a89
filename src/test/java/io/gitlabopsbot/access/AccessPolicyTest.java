package io.gitlabopsbot.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.config.AccessSettings.RoleMembers;
import io.gitlabopsbot.config.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  private static final String TEAM = "T0000TEAM";
  private static final String OPS_CHANNEL = "C0000OPS1";

  private final AccessSettings settings =
      new AccessSettings(
          TEAM,
          List.of(OPS_CHANNEL),
          Map.of(
              Role.VIEWER, new RoleMembers(List.of(), List.of("S0000VIEW")),
              Role.OPERATOR, new RoleMembers(List.of("U0000OPER"), List.of()),
              Role.APPROVER, new RoleMembers(List.of("U0000APPR"), List.of("S0000BROKEN"))),
          List.of(Role.VIEWER));

  /** Group S0000VIEW has U0000VIEW; S0000BROKEN cannot be read, like a Slack API outage. */
  private final UserGroupDirectory groups =
      group -> {
        if (group.equals("S0000BROKEN")) {
          throw new UserGroupDirectory.UserGroupLookupException(
              "usergroups.users.list failed", null);
        }
        return group.equals("S0000VIEW") ? Set.of("U0000VIEW") : Set.of();
      };

  private final AccessPolicy policy = new AccessPolicy(settings, groups);

  @Test
  void check_operatorInAllowedChannel_mayOperateAndView() {
    assertThat(policy.check(slack("U0000OPER"), Role.OPERATOR).allowed()).isTrue();
    assertThat(policy.check(slack("U0000OPER"), Role.VIEWER).allowed()).isTrue();
  }

  @Test
  void check_approverIsNotAnOperator() {
    Decision decision = policy.check(slack("U0000APPR"), Role.OPERATOR);

    assertThat(decision).isInstanceOf(Decision.Denied.class);
    assertThat(((Decision.Denied) decision).reason())
        .contains("*operator* role")
        .contains("`U0000APPR`")
        .contains("access.roles.operator.users");
  }

  @Test
  void check_roleThroughUserGroup_isGranted() {
    assertThat(policy.check(slack("U0000VIEW"), Role.VIEWER).allowed()).isTrue();
    assertThat(policy.check(slack("U0000VIEW"), Role.OPERATOR).allowed()).isFalse();
  }

  @Test
  void check_whenGroupLookupFails_deniesAndSaysWhy() {
    Decision decision = policy.check(slack("U0000NOBODY"), Role.APPROVER);

    assertThat(decision).isInstanceOf(Decision.Denied.class);
    assertThat(((Decision.Denied) decision).reason()).contains("could not be checked");
  }

  @Test
  void check_otherWorkspace_isDeniedEvenForAnOperatorId() {
    Caller foreign = new Caller(Caller.SLACK, "T0000EVIL", OPS_CHANNEL, "U0000OPER", "mallory");

    assertThat(policy.check(foreign, Role.VIEWER)).isInstanceOf(Decision.Denied.class);
  }

  @Test
  void check_channelOutsideAllowList_isDeniedAndNamesTheAllowedOne() {
    Caller elsewhere = new Caller(Caller.SLACK, TEAM, "C0000RANDOM", "U0000OPER", "olga");

    Decision decision = policy.check(elsewhere, Role.VIEWER);

    assertThat(((Decision.Denied) decision).reason()).contains("<#" + OPS_CHANNEL + ">");
  }

  @Test
  void check_userNameIsNeverUsedForDecisions() {
    Caller impostor = new Caller(Caller.SLACK, TEAM, OPS_CHANNEL, "U0000RAND", "U0000OPER");

    assertThat(policy.check(impostor, Role.OPERATOR).allowed()).isFalse();
  }

  @Test
  void check_cliCaller_getsConfiguredCliRolesOnly() {
    Caller cli = new Caller(Caller.CLI, null, null, "cli:alice", "alice");

    assertThat(policy.check(cli, Role.VIEWER).allowed()).isTrue();
    assertThat(((Decision.Denied) policy.check(cli, Role.OPERATOR)).reason())
        .contains("access.cliRoles");
    assertThat(policy.rolesOf(cli)).containsExactly(Role.VIEWER);
  }

  @Test
  void rolesOf_listsDirectAndGroupRoles() {
    assertThat(policy.rolesOf(slack("U0000OPER"))).containsExactly(Role.OPERATOR);
    assertThat(policy.rolesOf(slack("U0000VIEW"))).containsExactly(Role.VIEWER);
    assertThat(policy.rolesOf(slack("U0000NONE"))).isEmpty();
  }

  private static Caller slack(String userId) {
    return new Caller(Caller.SLACK, TEAM, OPS_CHANNEL, userId, "name");
  }
}
