package io.gitlabopsbot.migration;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** What reading {@code gitlab-secrets.json} gave: usable secrets, or the problems that stop us. */
public sealed interface SecretsParse {

  /** The secrets, or an exception naming every problem (key paths only, never values). */
  OmnibusSecrets orThrow();

  /** Every required key was present and well-formed. */
  record Parsed(OmnibusSecrets secrets) implements SecretsParse {
    public Parsed {
      Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public OmnibusSecrets orThrow() {
      return secrets;
    }
  }

  /** The file cannot be used; each problem names a key path (or the file) and what is wrong. */
  record Invalid(List<Problem> problems) implements SecretsParse {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid parse needs at least one problem");
      }
    }

    /** One line per problem, for a Slack message or an exception. */
    public String summary() {
      return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }

    @Override
    public OmnibusSecrets orThrow() {
      throw new InvalidOmnibusSecretsException(this);
    }
  }

  /**
   * One thing wrong with the file.
   *
   * @param keyPath e.g. {@code gitlab_rails.ci_jwt_signing_key}, or {@code gitlab-secrets.json}
   * @param reason what is wrong, never quoting the value
   */
  record Problem(String keyPath, String reason) {
    public Problem {
      Objects.requireNonNull(keyPath, "keyPath");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return keyPath + ": " + reason;
    }
  }
}
