package io.gitlabopsbot.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The bounded, named thread pool that serves HTTP exchanges. */
final class WorkerPool {

  private static final int THREADS = 16;
  private static final int QUEUED_EXCHANGES = 256;

  private WorkerPool() {}

  static ExecutorService create(String namePrefix) {
    var counter = new AtomicInteger();
    var pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUED_EXCHANGES),
            r -> {
              var t = new Thread(r, namePrefix + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            // When every worker is busy and the queue is full, the accepting thread serves the
            // exchange itself: that slows accepting (back-pressure) instead of dropping
            // connections without an answer.
            new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
