package io.gitlabopsbot.config;

/**
 * The bot's two HTTP listeners: the public one (Slack requests in http mode, alert webhooks) and
 * the management one (health probes, metrics), which only the kubelet and Prometheus reach.
 *
 * @param bindAddress interface of the public listener ({@code 0.0.0.0} in a pod, {@code 127.0.0.1}
 *     locally)
 * @param port TCP port of the public listener; 0 picks a free one (tests)
 * @param managementBindAddress interface of the management listener
 * @param managementPort TCP port of the management listener; 0 picks a free one (tests)
 */
public record HttpSettings(
    String bindAddress, int port, String managementBindAddress, int managementPort) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MANAGEMENT_PORT = 9090;

  /** The public listener on {@code bindAddress:port}; management on the same address, port 9090. */
  public HttpSettings(String bindAddress, int port) {
    this(bindAddress, port, bindAddress, DEFAULT_MANAGEMENT_PORT);
  }
}
