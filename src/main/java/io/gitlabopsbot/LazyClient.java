package io.gitlabopsbot;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The Kubernetes client as an interface proxy over a {@link Lazy} one, so the many fabric8 adapters
 * keep taking a plain {@code KubernetesClient} while the real one (kubeconfig or service account,
 * HTTP client) is built on the first call. Only the owner of the {@link Lazy} closes it.
 */
final class LazyClient {

  private LazyClient() {}

  static <T extends AutoCloseable> T proxy(Class<T> type, Lazy<T> lazy) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (args == null && method.getName().equals("close")) {
            return null;
          }
          if (isObjectMethod(method)) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default ->
                  lazy.built() ? lazy.get().toString() : type.getSimpleName() + " (not built)";
            };
          }
          try {
            return method.invoke(lazy.get(), args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static boolean isObjectMethod(Method method) {
    return switch (method.getName()) {
      case "equals" -> method.getParameterCount() == 1;
      case "hashCode", "toString" -> method.getParameterCount() == 0;
      default -> false;
    };
  }
}
