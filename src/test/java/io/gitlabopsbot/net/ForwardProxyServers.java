package io.gitlabopsbot.net;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two WireMock servers for proxy tests: a forward proxy (stubs there match on the target host,
 * proving a request went through the proxy) and a plain server reached directly ({@code NO_PROXY}
 * cases). Register with {@code @RegisterExtension}.
 */
public final class ForwardProxyServers implements BeforeEachCallback, AfterEachCallback {

  private final WireMockServer proxy =
      new WireMockServer(options().dynamicPort().enableBrowserProxying(true));
  private final WireMockServer direct = new WireMockServer(options().dynamicPort());

  public WireMockServer proxy() {
    return proxy;
  }

  public WireMockServer direct() {
    return direct;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    proxy.start();
    direct.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    proxy.stop();
    direct.stop();
  }
}
