package io.gitlabopsbot.migration;

import java.util.List;

/**
 * {@code gitlab-secrets.json} cannot be migrated. The message names key paths only; no cause is
 * chained because parser exceptions may quote the file's content.
 */
public final class InvalidOmnibusSecretsException extends RuntimeException {

  private final transient List<SecretsParse.Problem> problems;

  InvalidOmnibusSecretsException(SecretsParse.Invalid invalid) {
    super(
        "/etc/gitlab/gitlab-secrets.json cannot be migrated: "
            + invalid.summary()
            + ". Fix the file on the Omnibus host (or restore it from its backup) and run the step"
            + " again; nothing was changed in the cluster.");
    this.problems = invalid.problems();
  }

  public List<SecretsParse.Problem> problems() {
    return problems;
  }
}
