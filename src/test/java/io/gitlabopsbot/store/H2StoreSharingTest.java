package io.gitlabopsbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.config.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 store when another process holds it: its automatic server listens on loopback
 * only, and a store that cannot be shared is refused with one clear sentence.
 */
class H2StoreSharingTest {

  @TempDir Path dir;

  private Process holder;

  @AfterEach
  void stopHolder() throws Exception {
    if (holder != null) {
      holder.destroy();
      holder.waitFor();
    }
  }

  @Test
  void open_withAutoServer_listensOnLoopbackOnly() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("store") + ";AUTO_SERVER=TRUE";

    try (Database database = Database.open(new StoreSettings(url, "sa", null, 2))) {
      Properties lock = new Properties();
      try (var in = Files.newInputStream(dir.resolve("store.lock.db"))) {
        lock.load(in);
      }
      String server = lock.getProperty("server");
      int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));

      assertThat(listeningAddresses(port))
          .as("local addresses listening on port %d", port)
          .isNotEmpty()
          .allMatch(address -> address.equals("0100007F") || address.equals(V4_MAPPED_LOOPBACK));
    }
  }

  @Test
  void open_whenAnotherProcessHoldsTheFile_refusesWithOneClearSentence() throws Exception {
    Path file = dir.resolve("held");
    holder =
        new ProcessBuilder(
                javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.h2.tools.Shell",
                "-url",
                "jdbc:h2:file:" + file + ";MODE=PostgreSQL",
                "-user",
                "sa")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("holder.log").toFile())
            .start();
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("held.mv.db")));

    Throwable thrown =
        catchThrowable(
            () ->
                Database.open(
                        new StoreSettings(
                            "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", "sa", null, 2))
                    .close());

    assertThat(thrown).isInstanceOf(StoreException.class);
    assertThat(thrown.getMessage())
        .contains("is in use by a running bot")
        .contains("PostgreSQL")
        .doesNotContain("\n");
  }

  private static final String V4_MAPPED_LOOPBACK = "0000000000000000FFFF00000100007F";

  /** The local addresses (hex, as the kernel writes them) of sockets listening on {@code port}. */
  private static List<String> listeningAddresses(int port) throws IOException {
    String hexPort = String.format("%04X", port);
    java.util.ArrayList<String> addresses = new java.util.ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] fields = line.strip().split("\\s+");
        // local_address is ADDR:PORT; state 0A is LISTEN.
        if (fields.length > 3 && fields[1].endsWith(":" + hexPort) && fields[3].equals("0A")) {
          addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
        }
      }
    }
    return addresses;
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
