package io.gitlabopsbot.backup;

import static io.gitlabopsbot.backup.BackupCatalogTest.DAY;
import static io.gitlabopsbot.backup.BackupCatalogTest.T0;
import static io.gitlabopsbot.backup.BackupCatalogTest.key;
import static io.gitlabopsbot.storage.TarFiles.tar;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.command.CommandParser;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.ParseResult;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.storage.S3BackupStore;
import io.gitlabopsbot.storage.SharedS3Server;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BackupHandlersTest {

  private static final List<CommandSpec> SPECS =
      List.of(BackupListHandler.SPEC, BackupVerifyHandler.SPEC, BackupPruneHandler.SPEC);

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(T0 + 3600));
  private final CommandParser parser = new CommandParser("/gitlab", SPECS);
  private Database database;
  private String bucket;
  private TargetSettings target;
  private BackupCatalog catalog;

  @BeforeEach
  void setUp() {
    database = TestDatabases.h2();
    bucket = s3.server().newBucket();
    target =
        new TargetSettings(
            "prod", "gitlab", "gitlab", "app=toolbox", bucket, "gitlab-rails-secret");
    catalog = new BackupCatalog(new S3BackupStore(s3.client()), clock);
    byte[] archive =
        tar()
            .add("./backup_information.yml", BackupInformationTest.fixture())
            .add("./db/x", new byte[4096])
            .bytes();
    for (int i = 1; i <= 3; i++) {
      s3.server().put(bucket, key(T0 - i * DAY), archive);
    }
    s3.server().put(bucket, key(T0), new byte[0]);
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  private Invocation invocation(String text) {
    ParseResult result = parser.parse(text);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    return new Invocation(
        parsed, RetentionServiceTest.ALICE, "corr1", target, parsed.flag("dry-run"));
  }

  private static String text(Message message) {
    return new TextRenderer().render(message);
  }

  @Test
  void list_showsATableNewestFirst_andFlagsTheEmptyBackup() {
    CommandResult result =
        new BackupListHandler(catalog).handle(invocation("backup list 3"), Progress.NONE);
    assertThat(result).isInstanceOf(CommandResult.Succeeded.class);
    Message message = result.message();

    List<String> code =
        message.blocks().stream()
            .filter(Block.Code.class::isInstance)
            .map(b -> ((Block.Code) b).text())
            .toList();
    assertThat(code).hasSize(1);
    List<String> rows = code.get(0).lines().toList();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).startsWith("ID").contains("CREATED (UTC)").contains("SIZE");
    assertThat(rows.get(1))
        .startsWith(BackupName.fromKey(key(T0)).orElseThrow().id())
        .endsWith("EMPTY");
    assertThat(rows.get(1)).contains("0 B").contains("1h 0m");
    assertThat(text(message))
        .contains("is empty (0 bytes)")
        .contains("3 newest of 4 backups in s3://" + bucket);
  }

  @Test
  void list_whenMoreThanOneHundredAsked_saysTheLimit() {
    CommandResult result =
        new BackupListHandler(catalog).handle(invocation("backup list 500"), Progress.NONE);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(result.message().text())
        .isEqualTo(":x: At most 100 backups can be listed, not 500.");
  }

  @Test
  void verify_reportsVersionAndSkippedComponents() {
    BackupVerifier verifier = new BackupVerifier(catalog, new S3BackupStore(s3.client()));

    CommandResult result =
        new BackupVerifyHandler(verifier)
            .handle(invocation("backup verify " + (T0 - DAY)), Progress.NONE);
    assertThat(result).isInstanceOf(CommandResult.Succeeded.class);
    Message message = result.message();

    assertThat(message.text())
        .startsWith("Backup " + (T0 - DAY) + "_")
        .contains("verified: GitLab 17.5.2");
    assertThat(text(message))
        .contains("Skipped")
        .contains("registry")
        .contains("gitlab-helm-chart");
  }

  @Test
  void verify_whenEmpty_failsAndSaysNotVerified() {
    BackupVerifier verifier = new BackupVerifier(catalog, new S3BackupStore(s3.client()));

    CommandResult result =
        new BackupVerifyHandler(verifier).handle(invocation("backup verify " + T0), Progress.NONE);

    assertThat(result).isInstanceOf(CommandResult.Failed.class);
    assertThat(result.message().text())
        .startsWith("Backup not verified: ")
        .contains("is empty (0 bytes)");
    assertThat(((CommandResult.Failed) result).reason()).contains("is empty (0 bytes)");
  }

  @Test
  void verify_whenNoBackupHasTheId_isRefused() {
    BackupVerifier verifier = new BackupVerifier(catalog, new S3BackupStore(s3.client()));

    CommandResult result =
        new BackupVerifyHandler(verifier).handle(invocation("backup verify 1234"), Progress.NONE);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) result).reason()).startsWith("backup not verified: ");
    assertThat(result.message().text()).startsWith("Backup not verified: ");
  }

  @Test
  void prune_dryRun_listsWhatWouldGo_andDeletesNothing() {
    RetentionService retention =
        new RetentionService(
            catalog,
            new S3BackupStore(s3.client()),
            new SideEffects(false, op -> {}),
            new JdbcAuditLog(database.dataSource(), clock),
            clock,
            new RetentionSettings(1, null));
    // The newest backup is empty, so retention refuses; drop it to see a real plan.
    new S3BackupStore(s3.client()).delete(bucket, key(T0));

    CommandResult result =
        new BackupPruneHandler(retention)
            .handle(invocation("backup prune --dry-run"), Progress.NONE);
    assertThat(result).isInstanceOf(CommandResult.Succeeded.class);
    Message message = result.message();

    assertThat(message.text())
        .isEqualTo("Dry run: 2 backup(s) would be deleted from s3://" + bucket);
    assertThat(text(message)).contains("s3: delete s3://" + bucket + "/" + key(T0 - 3 * DAY));
    assertThat(s3.server().exists(bucket, key(T0 - 3 * DAY))).isTrue();
  }

  @Test
  void prune_whenNewestIsEmpty_refusesAndSaysWhy() {
    RetentionService retention =
        new RetentionService(
            catalog,
            new S3BackupStore(s3.client()),
            new SideEffects(false, op -> {}),
            new JdbcAuditLog(database.dataSource(), clock),
            clock,
            new RetentionSettings(1, null));

    CommandResult result =
        new BackupPruneHandler(retention).handle(invocation("backup prune"), Progress.NONE);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) result).reason()).startsWith("nothing pruned: ");
    assertThat(result.message().text())
        .startsWith("Nothing pruned: the newest backup")
        .contains("is empty (0 bytes)");
    assertThat(s3.server().exists(bucket, key(T0 - 3 * DAY))).isTrue();
  }
}
