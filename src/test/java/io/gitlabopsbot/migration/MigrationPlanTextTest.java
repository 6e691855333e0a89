package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.slack.BlockKitRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationPlanTextTest {

  private static MigrationOptions options(ObjectStorageSettings settings) {
    return new MigrationOptions(settings, "20261125-0930", "gitlab", "gitlab-prod");
  }

  private static String plan(MigrationOptions options) {
    return String.join("\n\n", MigrationPlanText.sections(options));
  }

  @Test
  void plan_containsEveryHostCommandInStepOrder() {
    MigrationOptions options = options(MigrationFixtures.allSettings());
    String plan = plan(options);

    int previous = -1;
    for (RunbookStep step : RunbookStep.values()) {
      int at = plan.indexOf("*" + step.id() + " ");
      assertThat(at).as(step.id()).isGreaterThan(previous);
      previous = at;
      for (List<String> argv : step.commands(options)) {
        assertThat(plan).contains("`" + String.join(" ", argv) + "`");
      }
    }
  }

  @Test
  void plan_skipListMatchesTheUsedTypes() {
    assertThat(plan(options(MigrationFixtures.coreSettings())))
        .contains("`gitlab-rake gitlab:backup:create SKIP=uploads,artifacts,lfs`")
        .doesNotContain("packages:migrate", "terraform_state`");
    assertThat(plan(options(MigrationFixtures.allSettings())))
        .contains("SKIP=uploads,artifacts,lfs,packages,terraform_state`");
  }

  @Test
  void plan_marksTheStepsThatNeedTheirOwnApproval() {
    String plan = plan(options(MigrationFixtures.coreSettings()));

    assertThat(plan)
        .contains(":lock: *1-4 ", ":lock: *3-1 ", ":lock: *3-3 ")
        .contains("\n\n*1-3 ")
        .doesNotContain(":lock: *1-3 ", ":lock: *2 ");
  }

  @Test
  void plan_namesBucketsSecretAndEscapesPlaceholders() {
    String plan = plan(options(MigrationFixtures.coreSettings()));

    assertThat(plan)
        .contains("• lfs → `acme-gitlab-lfs`", "• backup archive → `acme-gitlab-backups`")
        .contains("Secret `gitlab-rails-secret`", "`release=gitlab`")
        .contains("`backup-utility --restore -t &lt;backup ID&gt;`")
        .doesNotContain("<backup ID>");
  }

  @Test
  void sections_eachFitSlacksLimit_andRenderUncut() {
    Message message = MigrationPlanText.message(options(MigrationFixtures.allSettings()));

    assertThat(message.blocks().get(0)).isEqualTo(new Block.Header(MigrationPlanText.HEADER));
    assertThat(message.text())
        .isEqualTo("Migration plan for release gitlab: 9 steps, 3 with their own approval");
    for (Block block : message.blocks().subList(1, message.blocks().size())) {
      assertThat(((Block.Section) block).markdown().length()).isLessThanOrEqualTo(3000);
    }
    List<LayoutBlock> rendered = new BlockKitRenderer().render(message);
    assertThat(rendered.toString()).doesNotContain("(truncated)");
  }

  @Test
  void pack_splitsBetweenChunksAndCutsOverlongOnes() {
    String a = "a".repeat(1800);
    String b = "b".repeat(1800);
    String longLines = ("c".repeat(1000) + "\n").repeat(4).strip();
    String oneLongLine = "d".repeat(3500);

    List<String> sections = SlackSections.pack(List.of(a, b, longLines, oneLongLine), 3000);

    assertThat(sections).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(3000));
    assertThat(sections.get(0)).isEqualTo(a);
    assertThat(String.join("", sections).replaceAll("\\s", ""))
        .isEqualTo((a + b + longLines + oneLongLine).replaceAll("\\s", ""));
  }
}
