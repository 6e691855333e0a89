package io.gitlabopsbot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitLabImageTagTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "NONE",
      value = {
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v17.5.2, 17.5.2",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ce:v17.5.2, 17.5.2",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-toolbox-ee:v17.5.2-ee, 17.5.2",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-workhorse-ee:v17.5.2, 17.5.2",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v17.5.2-fips, 17.5.2",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v17.5.2-ubi8, 17.5.2",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-sidekiq-ee:v16.11.10, 16.11.10",
        "mirror.example.com:5000/cng/gitlab-webservice-ee:v17.5.2, 17.5.2",
        "gitlab-webservice-ee:17.5.2, 17.5.2",
        // Digest-pinned: the kubelet runs the digest, a tag beside it proves nothing.
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee@sha256:0123abcd, NONE",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v17.5.2@sha256:0123abcd, NONE",
        // No tag (implies latest), a port without a tag, moving or custom tags.
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee, NONE",
        "mirror.example.com:5000/cng/gitlab-webservice-ee, NONE",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:latest, NONE",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:master, NONE",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v17.5.2-rc1, NONE",
        "registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v17.5, NONE",
        // Not a GitLab component: sidecars carry their own versions.
        "docker.io/istio/proxyv2:1.20.1, NONE",
        "registry.gitlab.com/gitlab-org/build/cng/certificates:v17.5.2, NONE",
        "registry.gitlab.com/gitlab-org/build/cng/kubectl:v17.5.2, NONE",
        "fluent-bit, NONE",
        "'', NONE",
      })
  void version_readsOnlyUsableGitLabTags(String image, String expected) {
    assertThat(GitLabImageTag.version(image).orElse(null)).isEqualTo(expected);
  }
}
