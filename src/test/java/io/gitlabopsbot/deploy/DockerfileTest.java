package io.gitlabopsbot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The image builds in stages, runs as a numeric non-root user, and carries no secret. */
class DockerfileTest {

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY).*");
  private static final Pattern TOKEN_VALUE = Pattern.compile("xox[a-z]-|xapp-");

  /** One instruction: keyword in upper case and its arguments, continuation lines joined. */
  record Instruction(String keyword, String arguments) {}

  static List<Instruction> parse(String dockerfile) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : dockerfile.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
        continue;
      }
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
      if (!continues) {
        String text = current.toString().strip();
        String[] parts = text.split("\\s+", 2);
        instructions.add(
            new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
        current.setLength(0);
      }
    }
    return instructions;
  }

  /** What is wrong with a Dockerfile for the bot; empty when it is acceptable. */
  static List<String> problems(String dockerfile) {
    List<String> problems = new ArrayList<>();
    List<Instruction> all = parse(dockerfile);
    int lastFrom = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).keyword().equals("FROM")) {
        lastFrom = i;
      }
    }
    if (all.stream().filter(i -> i.keyword().equals("FROM")).count() < 2) {
      problems.add("not a multi-stage build");
    }
    List<Instruction> runtime = all.subList(Math.max(lastFrom, 0), all.size());
    List<String> users = arguments(runtime, "USER");
    String user = users.isEmpty() ? "" : users.get(users.size() - 1).split(":")[0];
    if (!user.matches("[0-9]+") || Integer.parseInt(user) == 0) {
      problems.add("runtime stage must set USER to a numeric non-root UID, found '" + user + "'");
    }
    if (arguments(runtime, "EXPOSE").stream()
        .noneMatch(p -> Arrays.asList(p.split("\\s+")).contains("8080"))) {
      problems.add("EXPOSE 8080 missing");
    }
    List<String> entrypoints = arguments(runtime, "ENTRYPOINT");
    if (entrypoints.isEmpty() || execForm(entrypoints.get(entrypoints.size() - 1)) == null) {
      problems.add("ENTRYPOINT must be in exec form");
    }
    for (Instruction instruction : all) {
      String args = instruction.arguments();
      if (instruction.keyword().equals("ADD") && args.matches("(?s).*\\bhttps?://.*")) {
        problems.add("ADD from a URL: " + args);
      }
      if ((instruction.keyword().equals("ENV") || instruction.keyword().equals("ARG"))
          && SECRET_NAME.matcher(args.split("[=\\s]", 2)[0]).matches()) {
        problems.add("secret-looking " + instruction.keyword() + ": " + args.split("[=\\s]")[0]);
      }
      if (TOKEN_VALUE.matcher(args).find()) {
        problems.add("token value in " + instruction.keyword());
      }
    }
    return problems;
  }

  private static List<String> arguments(List<Instruction> instructions, String keyword) {
    return instructions.stream()
        .filter(i -> i.keyword().equals(keyword))
        .map(Instruction::arguments)
        .toList();
  }

  /** The exec-form argument list, or null when the instruction is in shell form. */
  static List<String> execForm(String arguments) {
    if (!arguments.startsWith("[")) {
      return null;
    }
    try {
      return Arrays.asList(new ObjectMapper().readValue(arguments, String[].class));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String dockerfile() throws IOException {
    return Files.readString(Path.of("Dockerfile"));
  }

  @Test
  void dockerfile_isMultiStageNonRootExecFormAndSecretFree() throws IOException {
    assertThat(problems(dockerfile())).isEmpty();
  }

  @Test
  void entrypoint_runsTheJarWithContainerFriendlyJvmFlags() throws IOException {
    List<String> entrypoint = execForm(arguments(parse(dockerfile()), "ENTRYPOINT").get(0));
    assertThat(entrypoint)
        .startsWith("java")
        .contains(
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:MaxRAMPercentage=75",
            "-Djava.io.tmpdir=/tmp",
            "/app/gitlab-ops-bot.jar")
        .endsWith("-jar", "/app/gitlab-ops-bot.jar");
    assertThat(execForm(arguments(parse(dockerfile()), "CMD").get(0))).containsExactly("serve");
    assertThat(arguments(parse(dockerfile()), "WORKDIR")).endsWith("/app");
  }

  @Test
  void buildStage_cachesDependenciesBeforeCopyingSources() throws IOException {
    List<String> steps =
        parse(dockerfile()).stream().map(i -> i.keyword() + " " + i.arguments()).toList();
    int goOffline = indexOfFirst(steps, "dependency:go-offline");
    int copySources = indexOfFirst(steps, "COPY src/");
    int pkg = indexOfFirst(steps, "package");
    assertThat(goOffline).isPositive().isLessThan(copySources);
    assertThat(copySources).isLessThan(pkg);
    assertThat(steps.get(pkg)).contains("-DskipTests");
  }

  private static int indexOfFirst(List<String> steps, String fragment) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).contains(fragment)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void problems_whenDockerfileIsUnsafe_reportsEachIssue() {
    String bad =
        """
        FROM eclipse-temurin:17-jre
        ADD https://example.com/app.jar /app.jar
        ENV SLACK_BOT_TOKEN=xoxb-123
        USER root
        ENTRYPOINT java -jar /app.jar
        """;
    assertThat(problems(bad))
        .containsExactlyInAnyOrder(
            "not a multi-stage build",
            "runtime stage must set USER to a numeric non-root UID, found 'root'",
            "EXPOSE 8080 missing",
            "ENTRYPOINT must be in exec form",
            "ADD from a URL: https://example.com/app.jar /app.jar",
            "secret-looking ENV: SLACK_BOT_TOKEN",
            "token value in ENV");
  }

  @Test
  void problems_whenRuntimeUserIsUidZero_reportsIt() {
    String bad =
        "FROM a AS build\nFROM b\nUSER 0:0\nEXPOSE 8080\nENTRYPOINT [\"java\", \"-jar\", \"x\"]\n";
    assertThat(problems(bad))
        .containsExactly("runtime stage must set USER to a numeric non-root UID, found '0'");
  }
}
