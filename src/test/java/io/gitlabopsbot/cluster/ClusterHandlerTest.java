package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.command.CommandParser;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.ParseResult;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.TextRenderer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterHandlerTest {

  private final CommandParser parser = new CommandParser("/gitlab", List.of(ClusterHandler.SPEC));

  /** A fixed EKS answer: the port is not what this test is about. */
  private static final class FixedClusterInfo implements ClusterInfo {
    @Override
    public ControlPlane controlPlane() {
      return new ControlPlane("gitlab-prod", "1.33", "eks.9", "ACTIVE", "STANDARD");
    }

    @Override
    public List<VersionSupport> versions() {
      return List.of(
          new VersionSupport("1.33", LocalDate.of(2026, 7, 29), LocalDate.of(2027, 7, 29)));
    }

    @Override
    public List<UpgradeInsight> upgradeInsights() {
      return List.of();
    }
  }

  @Test
  void spec_isAViewerCommandWithoutArguments() {
    assertThat(ClusterHandler.SPEC.role()).isEqualTo(Role.VIEWER);
    assertThat(parser.parse("cluster")).isInstanceOf(ParseResult.Parsed.class);
    assertThat(parser.parse("cluster now")).isInstanceOf(ParseResult.Invalid.class);
  }

  @Test
  void handle_withStandardPolicy_countsDaysToEndOfStandardSupport() {
    ClusterReport report =
        new ClusterReport(
            new FixedClusterInfo(),
            () -> List.of(new NodeVersions.NodeVersion("n1", "v1.33.1-eks-1")),
            SupportCalendar.bundled(),
            Clock.fixed(Instant.parse("2026-07-19T23:59:00Z"), ZoneOffset.UTC));
    Invocation invocation =
        new Invocation(
            (ParseResult.Parsed) parser.parse("cluster"),
            new Caller(Caller.SLACK, "T1", "C1", "U1", "sre"),
            "corr-1",
            new TargetSettings("prod", "gitlab", "gitlab", "app=toolbox", "b", "s"),
            false);

    CommandResult result = new ClusterHandler(report).handle(invocation, Progress.NONE);

    assertThat(result).isInstanceOf(CommandResult.Succeeded.class);
    var message = result.message();

    assertThat(message.text()).endsWith("supported until 2026-07-29 (in 10 days)");
    assertThat(new TextRenderer().render(message))
        .contains("Support policy: STANDARD (auto-upgraded when standard support ends)")
        .contains("Next version: none available yet");
  }
}
