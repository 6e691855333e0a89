package io.gitlabopsbot.backup;

import static io.gitlabopsbot.kubernetes.ToolboxFixtures.NS;
import static io.gitlabopsbot.kubernetes.ToolboxFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.command.CommandParser;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.ParseResult;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
import io.gitlabopsbot.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class BackupNowHandlerTest {

  KubernetesClient client;

  private final List<Operation> journal = new ArrayList<>();

  private BackupNowHandler handler() {
    return handler(client);
  }

  private BackupNowHandler handler(KubernetesClient client) {
    return new BackupNowHandler(
        new BackupService(
            new Fabric8GitLabCluster(client),
            new SideEffects(false, journal::add),
            BackupSettings.defaults().withPollInterval(Duration.ofMillis(20)),
            (bucket, key) -> OptionalLong.empty(),
            succeeded -> {},
            new MutableClock(Instant.parse("2026-11-25T01:00:00Z")),
            Sleeper.threadSleep()));
  }

  private static Invocation invocation(String text) {
    ParseResult parsed = new CommandParser("/gitlab", List.of(BackupNowHandler.SPEC)).parse(text);
    return new Invocation(
        (ParseResult.Parsed) parsed,
        new Caller(Caller.SLACK, "T1", "C1", "U0123ABC", "alice"),
        "c0ffee",
        TARGET,
        ((ParseResult.Parsed) parsed).flag("dry-run"));
  }

  @Test
  void handle_whenDryRun_describesTheJobAndCreatesNothing() {
    ToolboxFixtures.seedToolbox(client);

    CommandResult result =
        handler()
            .handle(
                invocation("backup now --skip registry,lfs --dry-run"), new RecordingProgress());

    assertThat(result).isInstanceOf(CommandResult.Succeeded.class);
    String shown = result.message().blocks().toString();
    assertThat(shown)
        .contains(
            "create Job gitlab/gitlab-ops-bot-backup-20261125-010000",
            "image " + ToolboxFixtures.IMAGE,
            "(its entrypoint kept), args /bin/bash -c 'backup-utility --skip registry --skip lfs"
                + " --s3tool awscli'");
    assertThat(journal)
        .singleElement()
        .extracting(Operation::action)
        .asString()
        .startsWith("create Job");
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void handle_whenUnknownComponent_isRefusedWithTheValidOnes() {
    RecordingProgress progress = new RecordingProgress();

    CommandResult result = handler().handle(invocation("backup now --skip regsitry"), progress);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(result.message().text()).contains("not started", "regsitry", "ci_secure_files");
    assertThat(((CommandResult.Refused) result).reason())
        .startsWith("backup not started: ")
        .contains("regsitry");
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void handle_whenTheClusterCannotBeReached_fails() {
    KubernetesClient unreachable =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("https://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .withConnectionTimeout(2_000)
                    .build())
            .build();

    CommandResult result;
    try (unreachable) {
      result = handler(unreachable).handle(invocation("backup now"), new RecordingProgress());
    }

    assertThat(result).isInstanceOf(CommandResult.Failed.class);
    assertThat(result.message().text()).contains("*Failed*");
    assertThat(((CommandResult.Failed) result).reason()).startsWith("backup failed: ");
  }
}
