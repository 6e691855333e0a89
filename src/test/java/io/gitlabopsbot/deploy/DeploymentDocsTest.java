package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment guide's JSON examples are valid and it explains every RBAC rule. */
class DeploymentDocsTest {

  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  private static String guide() throws IOException {
    return Files.readString(Path.of("docs/deployment.md"));
  }

  private static List<JsonNode> jsonBlocks(String markdown) throws IOException {
    List<JsonNode> blocks = new ArrayList<>();
    Matcher matcher = JSON_BLOCK.matcher(markdown);
    while (matcher.find()) {
      blocks.add(new ObjectMapper().readTree(matcher.group(1)));
    }
    return blocks;
  }

  @Test
  void iamPolicies_parseAndGrantOnlyThePlannedActions() throws IOException {
    List<JsonNode> policies = jsonBlocks(guide());
    assertThat(policies).hasSize(2);
    Set<String> actions = new TreeSet<>();
    for (JsonNode statement : policies.get(1).path("Statement")) {
      assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      JsonNode action = statement.path("Action");
      if (action.isArray()) {
        action.forEach(a -> actions.add(a.asText()));
      } else {
        actions.add(action.asText());
      }
    }
    assertThat(actions)
        .containsExactlyInAnyOrder(
            "s3:ListBucket",
            "s3:GetObject",
            "s3:DeleteObject",
            "s3:PutObject",
            "eks:DescribeCluster",
            "eks:DescribeClusterVersions",
            "eks:ListInsights",
            "eks:DescribeInsight");
    assertThat(policies.get(0).toString())
        .contains("sts:AssumeRoleWithWebIdentity", "system:serviceaccount:gitlab:gitlab-ops-bot");
  }

  @Test
  void guide_describesTheStoreTheManifestsShip() throws IOException {
    String guide = guide();
    assertThat(guide).contains("## Durable state", "### Moving an emptyDir install over");
    String claim = single("pvc.yaml").path("metadata").path("name").asText();
    String config = single("configmap.yaml").path("data").path("config.yaml").asText();
    String jdbcUrl =
        ManifestsTest.readDocuments(config).get(0).path("store").path("jdbcUrl").asText();
    assertThat(guide).contains(claim, "store.jdbcUrl: " + jdbcUrl, "GITLAB_OPS_BOT_DB_PASSWORD");
    assertThat(Files.readString(Path.of("README.md"))).contains("docs/deployment.md#durable-state");
  }

  @Test
  void guide_explainsEveryResourceTheRoleGrants() throws IOException {
    String guide = guide();
    for (JsonNode rule : single("role.yaml").path("rules")) {
      String group = rule.path("apiGroups").get(0).asText();
      for (JsonNode resource : rule.path("resources")) {
        String name = group.isEmpty() ? resource.asText() : group + "/" + resource.asText();
        assertThat(guide).as(name).contains("- **" + name + ":");
      }
    }
  }
}
