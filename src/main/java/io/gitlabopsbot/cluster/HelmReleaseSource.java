package io.gitlabopsbot.cluster;

/** Where the stored records of a Helm release come from (Helm 3 keeps them in Secrets). */
public interface HelmReleaseSource {

  /** The newest readable revision of {@code release} in {@code namespace}; never throws. */
  HelmReleaseLookup newest(String namespace, String release);
}
