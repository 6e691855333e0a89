package io.gitlabopsbot;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * A client interface (S3, EKS, Kubernetes) whose real client is built on its first call. Building
 * one costs hundreds of milliseconds (credential chains, kubeconfig, HTTP stacks) and most commands
 * need at most one of them, so {@code run whoami} and the bot's start-up build none. Adapters keep
 * taking the plain interface.
 */
final class LazyClient<T extends AutoCloseable> implements InvocationHandler {

  private final Supplier<T> create;
  private volatile T client;

  private LazyClient(Supplier<T> create) {
    this.create = create;
  }

  /** The proxy, and the handle that closes the real client if it was ever built. */
  static <T extends AutoCloseable> Handle<T> of(Class<T> type, Supplier<T> create) {
    LazyClient<T> handler = new LazyClient<>(create);
    T proxy =
        type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    return new Handle<>(proxy, handler);
  }

  /** The proxy to hand out, and {@link #close()} for its owner. */
  record Handle<T extends AutoCloseable>(T client, LazyClient<T> lazy) {
    boolean built() {
      return lazy.client != null;
    }

    /** Closes the real client when one was built; never builds one just to close it. */
    void close() throws Exception {
      T built = lazy.client;
      if (built != null) {
        built.close();
      }
    }
  }

  private T client() {
    T current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          current = create.get();
          client = current;
        }
      }
    }
    return current;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "toString":
        if (args == null) {
          return client == null ? "lazy client (not built yet)" : client.toString();
        }
        break;
      case "close":
        if (args == null) {
          // Only the owner closes the shared client (see Handle#close).
          return null;
        }
        break;
      case "hashCode":
        if (args == null) {
          return System.identityHashCode(proxy);
        }
        break;
      case "equals":
        if (args != null && args.length == 1) {
          return proxy == args[0];
        }
        break;
      default:
        break;
    }
    try {
      return method.invoke(client(), args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
