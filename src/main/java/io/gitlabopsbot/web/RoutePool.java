package io.gitlabopsbot.web;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The bounded, named threads that run one listener's routes. */
final class RoutePool {

  private RoutePool() {}

  /**
   * A full pool refuses the request ({@link java.util.concurrent.RejectedExecutionException}, which
   * becomes a 503). It never runs the route on the caller: that would be a Jetty I/O thread.
   */
  static ThreadPoolExecutor create(String namePrefix, HttpLimits limits) {
    var counter = new AtomicInteger();
    var pool =
        new ThreadPoolExecutor(
            limits.routeThreads(),
            limits.routeThreads(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.queuedRequests()),
            r -> {
              var t = new Thread(r, namePrefix + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
