package io.gitlabopsbot.cluster;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The support window of one Kubernetes minor version on EKS, in UTC days.
 *
 * @param endOfStandardSupport the first day without standard support, or null if not announced
 * @param endOfExtendedSupport the first day without extended support, or null if not announced
 */
public record VersionSupport(
    String version, LocalDate endOfStandardSupport, LocalDate endOfExtendedSupport) {

  public VersionSupport {
    Objects.requireNonNull(version, "version");
  }
}
