package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.ParseResult;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.TargetSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertsTestHandlerOutcomeTest {

  @Test
  void alertsTest_whenDeliveryIsOff_isRefused() {
    Invocation invocation =
        new Invocation(
            new ParseResult.Parsed(AlertsTestHandler.SPEC, List.of(), Map.of()),
            new Caller(Caller.CLI, null, null, "alice", "alice"),
            "corr-1",
            new TargetSettings("prod", "gitlab", "gitlab", "app=toolbox", "b", "r"),
            false);

    CommandResult result =
        new AlertsTestHandler(null, Clock.systemUTC()).handle(invocation, Progress.NONE);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) result).reason()).contains("Alert delivery is off");
  }
}
