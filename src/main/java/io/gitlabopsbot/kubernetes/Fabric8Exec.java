package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One exec into a container, with a bounded wait and a bounded copy of its output. */
final class Fabric8Exec {

  private final KubernetesClient client;
  private final int outputBytes;

  Fabric8Exec(KubernetesClient client, int outputBytes) {
    this.client = client;
    this.outputBytes = outputBytes;
  }

  ExecResult run(
      String namespace, String podName, String container, List<String> command, Duration timeout) {
    TailBuffer output = new TailBuffer(outputBytes);
    String where = "exec in " + namespace + "/" + podName + " container " + container;
    ExecWatch watch;
    try {
      watch =
          client
              .pods()
              .inNamespace(namespace)
              .withName(podName)
              .inContainer(container)
              .writingOutput(output)
              .writingError(output)
              .exec(command.toArray(String[]::new));
    } catch (KubernetesClientException e) {
      return new ExecResult.Broken(where + " could not start: " + e.getMessage(), output.text());
    }
    try (watch) {
      Integer exitCode = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (exitCode == null || exitCode < 0) {
        // The stream closed without an exit status: the process may still run or may have died.
        return new ExecResult.Broken(
            where + ": the stream closed before the command reported its exit status",
            output.text());
      }
      return new ExecResult.Exited(exitCode, output.text());
    } catch (TimeoutException e) {
      return new ExecResult.Broken(
          where + ": no exit status within " + timeout.toMinutes() + " min", output.text());
    } catch (ExecutionException e) {
      return new ExecResult.Broken(
          where + " failed: " + e.getCause().getClass().getSimpleName(), output.text());
    } catch (InterruptedException e) {
      // Kept so the executor running us sees the shutdown request.
      Thread.currentThread().interrupt();
      return new ExecResult.Broken(
          where + ": interrupted while waiting (bot shutting down)", output.text());
    }
  }
}
