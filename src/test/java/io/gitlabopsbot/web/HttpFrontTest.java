package io.gitlabopsbot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.config.HttpSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFrontTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private HttpFront front;

  @BeforeEach
  void startServer() {
    front = new HttpFront(new HttpSettings("127.0.0.1", 0), registry);
  }

  @AfterEach
  void stopServer() {
    front.close();
  }

  @Test
  void route_whenRequestMatches_getsMethodPathQueryHeadersAndBody() throws Exception {
    var seen = new AtomicReference<HttpRequest>();
    front.route(
        "POST",
        "/echo",
        request -> {
          seen.set(request);
          return HttpReply.json(201, "{\"ok\":true}");
        });
    front.start();

    var response =
        send(
            java.net.http.HttpRequest.newBuilder(uri("/echo?a=1&b=x%20y"))
                .header("X-Custom-Header", "value-1")
                .POST(BodyPublishers.ofString("hello")));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("{\"ok\":true}");
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    HttpRequest request = seen.get();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/echo");
    assertThat(request.query()).isEqualTo("a=1&b=x%20y");
    assertThat(request.header("X-CUSTOM-HEADER")).isEqualTo("value-1");
    assertThat(request.headers()).containsKey("x-custom-header");
    assertThat(new String(request.body())).isEqualTo("hello");
    assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
    // The timer is recorded once the reply has been written, so it may land just after the client
    // has read the response.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        registry
                            .find(HttpFront.HTTP_REQUESTS)
                            .tags("route", "/echo", "method", "POST", "status", "201")
                            .timers())
                    .singleElement()
                    .satisfies(timer -> assertThat(timer.count()).isEqualTo(1)));
  }

  @Test
  void serve_whenPathUnknown_answers404() throws Exception {
    front.route("GET", "/known", request -> HttpReply.text(200, "ok"));
    front.start();

    var response = send(java.net.http.HttpRequest.newBuilder(uri("/known/not")).GET());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
  }

  @Test
  void serve_whenMethodNotRouted_answers405WithAllow() throws Exception {
    front.route("GET", "/thing", request -> HttpReply.text(200, "ok"));
    front.route("PUT", "/thing", request -> HttpReply.text(200, "ok"));
    front.start();

    var response =
        send(java.net.http.HttpRequest.newBuilder(uri("/thing")).POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("allow")).hasValue("GET, PUT");
  }

  @Test
  void serve_whenBodyOverOneMebibyte_answers413WithoutCallingRoute() throws Exception {
    var called = new AtomicReference<Boolean>(false);
    front.route(
        "POST",
        "/upload",
        request -> {
          called.set(true);
          return HttpReply.empty(204);
        });
    front.start();

    var response =
        send(
            java.net.http.HttpRequest.newBuilder(uri("/upload"))
                .POST(BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(called.get()).isFalse();
  }

  @Test
  void serve_whenBodyExactlyOneMebibyte_isAccepted() throws Exception {
    front.route("POST", "/upload", request -> HttpReply.text(200, "" + request.body().length));
    front.start();

    var response =
        send(
            java.net.http.HttpRequest.newBuilder(uri("/upload"))
                .POST(BodyPublishers.ofByteArray(new byte[HttpFront.MAX_BODY_BYTES])));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(String.valueOf(HttpFront.MAX_BODY_BYTES));
  }

  @Test
  void serve_whenUndeclaredBodyGrowsPastTheLimit_answers413WithoutCallingRoute() throws Exception {
    var called = new AtomicReference<Boolean>(false);
    front.route(
        "POST",
        "/upload",
        request -> {
          called.set(true);
          return HttpReply.empty(204);
        });
    front.start();

    // A stream of unknown length is sent chunked, without Content-Length.
    var response =
        send(
            java.net.http.HttpRequest.newBuilder(uri("/upload"))
                .POST(
                    BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[2 * 1024 * 1024]))));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(called.get()).isFalse();
  }

  @Test
  void serve_whenHeadersTooLarge_answers431InPlainText() throws Exception {
    front.route("GET", "/known", request -> HttpReply.text(200, "ok"));
    front.start();

    var response =
        send(
            java.net.http.HttpRequest.newBuilder(uri("/known"))
                .header("X-Big", "x".repeat(16_384))
                .GET());

    assertThat(response.statusCode()).isEqualTo(431);
    assertThat(response.body()).doesNotContain("<", "Exception", "jetty");
  }

  @Test
  void serve_whenEveryRouteThreadIsBusyAndTheQueueFull_answers503AtOnce() throws Exception {
    front.close();
    var tight =
        new HttpLimits(1, 1, 16, Duration.ofSeconds(5), Duration.ofSeconds(1), 8 * 1024, 1024);
    front = new HttpFront("public", "127.0.0.1", 0, tight, registry);
    var entered = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    front.route(
        "GET",
        "/slow",
        request -> {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return HttpReply.text(200, "done");
        });
    front.start();
    var slow = java.net.http.HttpRequest.newBuilder(uri("/slow")).timeout(Duration.ofSeconds(10));
    var running = client.sendAsync(slow.GET().build(), BodyHandlers.ofString());
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    // One of the next two waits in the queue (it holds one); the other is refused at once.
    var first = client.sendAsync(slow.GET().build(), BodyHandlers.ofString());
    var second = client.sendAsync(slow.GET().build(), BodyHandlers.ofString());
    var refused = CompletableFuture.anyOf(first, second).get(5, TimeUnit.SECONDS);

    assertThat(((HttpResponse<?>) refused).statusCode()).isEqualTo(503);
    assertThat(running).isNotDone();
    release.countDown();
    assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    var queued = refused == first.getNow(null) ? second : first;
    assertThat(queued.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void serve_whenClientsStallMidBody_stillServesOthersWithOneRouteThread() throws Exception {
    front.close();
    var oneThread =
        new HttpLimits(1, 1, 16, Duration.ofSeconds(30), Duration.ofSeconds(1), 8 * 1024, 1024);
    front = new HttpFront("public", "127.0.0.1", 0, oneThread, registry);
    front.route("POST", "/upload", request -> HttpReply.text(200, "" + request.body().length));
    front.start();
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        Socket socket = new Socket("127.0.0.1", front.port());
        stalled.add(socket);
        socket
            .getOutputStream()
            .write(
                ("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nx")
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
      }

      // Waiting for a body holds no route thread, so the single one is free for this request.
      var response =
          send(
              java.net.http.HttpRequest.newBuilder(uri("/upload"))
                  .POST(BodyPublishers.ofString("hello")));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("5");
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  @Test
  void serve_whenRouteThrows_answersGeneric500WithCorrelationIdOnly() throws Exception {
    front.route(
        "GET",
        "/boom",
        request -> {
          throw new IllegalStateException("db password=hunter2 rejected");
        });
    front.start();

    var response = send(java.net.http.HttpRequest.newBuilder(uri("/boom")).GET());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .matches("internal error \\(see bot log, correlation id [0-9a-f]{12}\\)")
        .doesNotContain("hunter2", "IllegalStateException", "at io.");
    assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
  }

  @Test
  void serve_afterRouteThrew_keepsServing() throws Exception {
    front.route(
        "GET",
        "/boom",
        request -> {
          throw new IllegalStateException("broken");
        });
    front.route("GET", "/fine", request -> HttpReply.text(200, "fine"));
    front.start();

    send(java.net.http.HttpRequest.newBuilder(uri("/boom")).GET());
    var response = send(java.net.http.HttpRequest.newBuilder(uri("/fine")).GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("fine");
  }

  @Test
  void close_whenRequestRunning_refusesNewOnesAndLetsItFinish() throws Exception {
    var entered = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    front.route(
        "GET",
        "/slow",
        request -> {
          entered.countDown();
          try {
            return HttpReply.text(200, release.await(5, TimeUnit.SECONDS) ? "done" : "timeout");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpReply.text(500, "interrupted");
          }
        });
    front.route("GET", "/quick", request -> HttpReply.text(200, "quick"));
    front.start();
    URI slow = uri("/slow");
    var quick = java.net.http.HttpRequest.newBuilder(uri("/quick")).GET();
    var pending =
        client.sendAsync(
            java.net.http.HttpRequest.newBuilder(slow).timeout(Duration.ofSeconds(5)).GET().build(),
            BodyHandlers.ofString());
    assertThat(entered.await(3, TimeUnit.SECONDS)).isTrue();

    var closing = CompletableFuture.runAsync(front::close);
    // While close() waits for /slow, the listener still answers, but refuses new work.
    await().atMost(Duration.ofSeconds(3)).until(() -> send(quick).statusCode() == 503);
    assertThat(closing).isNotDone();
    release.countDown();
    closing.get(5, TimeUnit.SECONDS);

    var response = pending.get(5, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("done");
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + front.port() + pathAndQuery);
  }

  private HttpResponse<String> send(java.net.http.HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(3)).build(), BodyHandlers.ofString());
  }
}
