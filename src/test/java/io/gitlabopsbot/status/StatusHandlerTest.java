package io.gitlabopsbot.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.command.CommandParser;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.ParseResult;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.message.TextRenderer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusHandlerTest {

  private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

  private final CommandParser parser = new CommandParser("/gitlab", List.of(StatusHandler.SPEC));

  /** Records what it was asked for; the Kubernetes adapter is tested against the mock server. */
  private static final class RecordingHealth implements ReleaseHealth {
    final List<String> asked = new ArrayList<>();

    @Override
    public List<DeploymentState> deployments(String namespace, EqualitySelector release) {
      asked.add(namespace + " " + release);
      return List.of(
          new DeploymentState("staging-toolbox", 1, 1, Map.of("app", "toolbox", "release", "stg")));
    }

    @Override
    public List<PodState> pods(String namespace, EqualitySelector release) {
      asked.add(namespace + " " + release);
      return List.of();
    }

    @Override
    public List<AutoscalerState> autoscalers(String namespace, EqualitySelector release) {
      asked.add(namespace + " " + release);
      return List.of();
    }

    @Override
    public List<NodeState> nodes() {
      return List.of(new NodeState("n1", List.of()));
    }
  }

  @Test
  void spec_isAQuickViewerCommandWithoutArguments() {
    assertThat(StatusHandler.SPEC.role()).isEqualTo(Role.VIEWER);
    assertThat(StatusHandler.SPEC.longRunning()).isFalse();
    assertThat(parser.parse("status")).isInstanceOf(ParseResult.Parsed.class);
    assertThat(parser.parse("status now")).isInstanceOf(ParseResult.Invalid.class);
  }

  @Test
  void handle_readsTheInvocationsTarget() {
    RecordingHealth health = new RecordingHealth();
    List<String> buckets = new ArrayList<>();
    StatusReport report =
        new StatusReport(
            health,
            bucket -> {
              buckets.add(bucket);
              return Optional.of(NOW.minusSeconds(600));
            },
            target -> Optional.empty(),
            () -> 0,
            Clock.fixed(NOW, ZoneOffset.UTC));
    Invocation invocation =
        new Invocation(
            (ParseResult.Parsed) parser.parse("status"),
            new Caller(Caller.SLACK, "T1", "C1", "U1", "sre"),
            "corr-1",
            new TargetSettings("staging", "gitlab-stg", "stg", "app=toolbox", "stg-backups", "s"),
            false);

    CommandResult result = new StatusHandler(report).handle(invocation, Progress.NONE);

    assertThat(result).isInstanceOf(CommandResult.Succeeded.class);
    var message = result.message();

    assertThat(health.asked).containsOnly("gitlab-stg release=stg");
    assertThat(buckets).containsExactly("stg-backups");
    assertThat(message.text()).isEqualTo("GitLab release stg in gitlab-stg: healthy");
    assertThat(new TextRenderer().render(message))
        .contains("GITLAB RELEASE STG (STAGING)")
        .contains("Last backup: 10 min ago");
  }
}
