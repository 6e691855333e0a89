package io.gitlabopsbot.kubernetes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GitLab version from a Cloud Native GitLab image reference, e.g. {@code
 * registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v17.5.2} → {@code 17.5.2}.
 *
 * <p>Only images whose repository name starts with {@code gitlab-} count (webservice, workhorse,
 * toolbox, sidekiq …): the chart tags all of them with the GitLab version, whereas sidecars such as
 * a mesh proxy or a log shipper carry their own versions. Workhorse is included on purpose: it
 * ships with the same version, and if it was pinned differently the release is mixed and its
 * version is honestly unknown.
 *
 * <p>References pinned by digest ({@code @sha256:…}) are not usable even when they also carry a
 * tag: the kubelet runs the digest and ignores the tag, so the tag proves nothing. Tags outside
 * {@code [v]MAJOR.MINOR.PATCH} plus the known variant suffixes ({@code -ee}, {@code -ce}, {@code
 * -fips}, {@code -ubi…}) are not usable either: a custom build or {@code latest} says nothing
 * reliable about the schema the release runs.
 */
final class GitLabImageTag {

  private static final Pattern TAG =
      Pattern.compile("v?(\\d{1,4}\\.\\d{1,4}\\.\\d{1,4})((-(ee|ce|fips|ubi|ubi8|ubi9))*)");

  private GitLabImageTag() {}

  /** The version {@code image} carries, or empty when it is not a usable GitLab image tag. */
  static Optional<String> version(String image) {
    if (image == null || image.isBlank() || image.contains("@")) {
      return Optional.empty();
    }
    String reference = image.strip();
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    // A colon before the last slash belongs to a registry port, not to a tag.
    if (colon <= slash) {
      return Optional.empty();
    }
    String repository = reference.substring(slash + 1, colon);
    if (!repository.startsWith("gitlab-")) {
      return Optional.empty();
    }
    Matcher tag = TAG.matcher(reference.substring(colon + 1));
    return tag.matches() ? Optional.of(tag.group(1)) : Optional.empty();
  }
}
