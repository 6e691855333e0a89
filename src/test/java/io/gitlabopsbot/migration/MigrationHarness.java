package io.gitlabopsbot.migration;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.config.AccessSettings.RoleMembers;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.kubernetes.Fabric8RailsSecrets;
import io.gitlabopsbot.kubernetes.Fabric8Workloads;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
import io.gitlabopsbot.kubernetes.WorkloadFixtures;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.migration.steps.MigrationSteps;
import io.gitlabopsbot.ssh.JschRemoteHost;
import io.gitlabopsbot.storage.S3ArchiveUploader;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The migration wired as in production, on a real SSH server playing the Omnibus host, an
 * S3-compatible server and the Kubernetes mock server; approvals are decided as a second person
 * would, through the approval service.
 */
final class MigrationHarness {

  static final String UPLOADS = "acme-uploads";
  static final String ARTIFACTS = "acme-artifacts";
  static final String LFS = "acme-lfs";
  static final String BACKUPS = "gitlab-backups";

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  final List<String> slack = new ArrayList<>();
  final Approvals approvals;
  final JdbcMigrationRuns runs;
  final MigrationService service;
  final RecordingProgress progress = new RecordingProgress();

  MigrationHarness(
      Database database,
      OmnibusHostServer host,
      S3Client s3,
      KubernetesClient kubernetes,
      ExecutorService workers,
      Function<MigrationOptions, StepProcedure> restoreStep) {
    AccessPolicy policy =
        new AccessPolicy(
            new AccessSettings(
                "T1",
                List.of(),
                Map.of(
                    Role.OPERATOR, new RoleMembers(List.of("U_REQ"), List.of()),
                    Role.APPROVER, new RoleMembers(List.of("U_APPR"), List.of())),
                List.of()),
            group -> Set.of());
    approvals =
        new Approvals(
            new JdbcApprovalStore(database.dataSource()),
            policy,
            new JdbcAuditLog(database.dataSource(), clock),
            clock);
    runs = new JdbcMigrationRuns(database.dataSource());
    ObjectStorageSettings storage =
        ObjectStorageSettings.aws(
            Map.of(
                ObjectType.UPLOADS, UPLOADS, ObjectType.ARTIFACTS, ARTIFACTS, ObjectType.LFS, LFS),
            BACKUPS,
            "eu-west-1");
    service =
        new MigrationService(
            "prod",
            runs,
            runId ->
                MigrationSteps.forRun(
                    new MigrationOptions(storage, runId, "gitlab", ToolboxFixtures.NS),
                    "gitlab-rails-secret",
                    () -> new JschRemoteHost(host.settings()),
                    new S3ArchiveUploader(s3, S3ArchiveUploader.MIN_PART_SIZE, 2),
                    new Fabric8RailsSecrets(kubernetes),
                    new Fabric8Workloads(kubernetes),
                    clock,
                    duration -> clock.advance(duration),
                    restoreStep),
            new MigrationStepApprovals(
                new ApprovalNotices(approvals, new ApprovalMessages(), new RecordingSlack()),
                approvals,
                name -> Optional.of(ToolboxFixtures.TARGET),
                java.time.Duration.ofMinutes(15),
                "C_OPS"),
            workers,
            clock,
            line -> line);
    for (String bucket : List.of(UPLOADS, ARTIFACTS, LFS, BACKUPS)) {
      s3.createBucket(r -> r.bucket(bucket));
    }
    seedCluster(kubernetes);
  }

  /** Approves the approval the run waits for, as a second person, and continues the run. */
  MigrationRun approveWaitingStep(String runId) {
    MigrationRun run = runs.find(runId).orElseThrow();
    StepRecord waiting = run.nextStep().orElseThrow();
    approvals.decide(
        waiting.approvalId(), new Caller(Caller.SLACK, "T1", "C_OPS", "U_APPR", "appr"), true);
    RunbookResult result =
        service.approved(runId, waiting.stepId(), waiting.approvalId(), progress);
    return ((RunbookResult.Accepted) result).run();
  }

  String start() {
    return ((RunbookResult.Accepted) service.create("U_REQ")).run().id();
  }

  private static void seedCluster(KubernetesClient client) {
    for (String app : List.of("webservice", "sidekiq", "toolbox")) {
      var deployment =
          WorkloadFixtures.deployment(
              "gitlab-" + app,
              app,
              "gitlab",
              1,
              WorkloadFixtures.CNG + "gitlab-" + app + "-ee:v17.5.2");
      deployment.setStatus(WorkloadFixtures.status(1L, 1, 1, 1));
      client.apps().deployments().inNamespace(ToolboxFixtures.NS).resource(deployment).create();
      client
          .pods()
          .inNamespace(ToolboxFixtures.NS)
          .resource(WorkloadFixtures.pod("gitlab-" + app + "-0", app, "gitlab", "Running", true))
          .create();
    }
    client
        .secrets()
        .inNamespace(ToolboxFixtures.NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("gitlab-rails-secret")
                .withNamespace(ToolboxFixtures.NS)
                .endMetadata()
                .withData(
                    Map.of(
                        "secrets.yml",
                        Base64.getEncoder()
                            .encodeToString(
                                "production:\n  secret_key_base: chart-generated\n"
                                    .getBytes(StandardCharsets.UTF_8))))
                .build())
        .create();
  }

  private final class RecordingSlack implements Notifier {
    @Override
    public MessageRef post(String channel, Message message) {
      slack.add(message.text() + message.blocks());
      return new MessageRef(channel, "1700000000." + slack.size());
    }

    @Override
    public void update(MessageRef ref, Message message) {
      slack.add(message.text() + message.blocks());
    }

    @Override
    public MessageRef reply(MessageRef parent, Message message) {
      slack.add(message.text() + message.blocks());
      return parent;
    }
  }
}
