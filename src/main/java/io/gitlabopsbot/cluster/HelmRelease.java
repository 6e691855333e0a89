package io.gitlabopsbot.cluster;

import java.util.List;

/**
 * What the readiness check needs from one stored Helm release revision: never the chart values,
 * which may hold passwords.
 *
 * @param status Helm's status of the revision, e.g. {@code deployed}, {@code failed}
 * @param apis each distinct (apiVersion, kind) of the rendered manifest, in manifest order
 */
public record HelmRelease(
    String name, int revision, String status, String chart, List<HelmRelease.ApiUse> apis) {

  /** One {@code apiVersion}/{@code kind} pair used by the manifest. */
  public record ApiUse(String apiVersion, String kind) {}

  public HelmRelease {
    apis = List.copyOf(apis);
  }
}
