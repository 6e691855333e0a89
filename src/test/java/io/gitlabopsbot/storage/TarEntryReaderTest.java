package io.gitlabopsbot.storage;

import static io.gitlabopsbot.storage.TarFiles.tar;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.junit.jupiter.api.Test;

class TarEntryReaderTest {

  private static final String FILE = "backup_information.yml";
  private static final String YAML = ":gitlab_version: 17.5.2\n";

  private final InMemoryBackupStore fake = new InMemoryBackupStore();
  private final CountingBackupStore store = new CountingBackupStore(fake);
  private final TarEntryReader reader = new TarEntryReader(store, 64, 64 * 1024);

  private TarLookup find(byte[] archive) {
    fake.put("a.tar", archive);
    return reader.find("b", "a.tar", archive.length, FILE);
  }

  @Test
  void find_whenFileIsFirstWithDotSlash_readsHeaderAndContentOnly() {
    TarLookup result =
        find(tar().add("./" + FILE, YAML).add("./db/database.sql.gz", new byte[4096]).bytes());

    assertThat(result)
        .isInstanceOfSatisfying(
            TarLookup.Found.class,
            found -> {
              assertThat(found.name()).isEqualTo("./" + FILE);
              assertThat(new String(found.content(), StandardCharsets.UTF_8)).isEqualTo(YAML);
            });
    assertThat(store.rangeReads()).isEqualTo(2);
    assertThat(store.bytesRead()).isEqualTo(512 + YAML.length());
  }

  @Test
  void find_whenGnuLongNamesPrecedeIt_skipsThemByTheirSize() {
    String longName = "./repositories/" + "group/".repeat(30) + "project.bundle";
    byte[] archive = tar().add(longName, new byte[3000]).add("./" + FILE, YAML).bytes();

    TarLookup result = find(archive);

    assertThat(result).isInstanceOf(TarLookup.Found.class);
    assertThat(store.rangeReads())
        .isEqualTo(5); // LongLink header + name, header, yml header + data
  }

  @Test
  void find_whenAFileInASubdirectoryHasTheSameName_doesNotTakeIt() {
    TarLookup result = find(tar().add("./uploads/" + FILE, "fake").bytes());

    assertThat(result)
        .isInstanceOfSatisfying(
            TarLookup.Missing.class,
            missing -> {
              assertThat(missing.damaged()).isFalse();
              assertThat(missing.reason())
                  .contains(FILE + " is not in the archive (1 entries checked)");
            });
  }

  @Test
  void find_whenNamesAreInPaxHeaders_usesThePaxPath() {
    String longName = "./" + "x".repeat(120) + "/" + FILE;
    TarLookup result = find(tar().paxNames().add(longName, "n").add(FILE, YAML).bytes());

    assertThat(result)
        .isInstanceOfSatisfying(
            TarLookup.Found.class, found -> assertThat(found.name()).isEqualTo(FILE));
  }

  @Test
  void find_whenArchiveIsCutInsideAnEntry_reportsItDamaged() {
    byte[] whole =
        tar().add("./db/database.sql.gz", new byte[10_000]).add("./" + FILE, YAML).bytes();

    TarLookup result = find(Arrays.copyOf(whole, 4096));

    assertThat(result)
        .isInstanceOfSatisfying(
            TarLookup.Missing.class,
            missing -> {
              assertThat(missing.damaged()).isTrue();
              assertThat(missing.reason()).contains("truncated").contains("./db/database.sql.gz");
            });
  }

  @Test
  void find_whenArchiveEndsWithoutEndMarker_reportsItDamaged() {
    byte[] whole = tar().add("./db/a", new byte[512]).bytes();

    TarLookup result = find(Arrays.copyOf(whole, 1024));

    assertThat(result)
        .isInstanceOfSatisfying(
            TarLookup.Missing.class,
            missing -> assertThat(missing.reason()).contains("without an end-of-archive marker"));
  }

  @Test
  void find_whenBytesAreNotATar_saysSo() {
    byte[] noise = new byte[2048];
    Arrays.fill(noise, (byte) 'A');

    TarLookup result = find(noise);

    assertThat(result)
        .isInstanceOfSatisfying(
            TarLookup.Missing.class,
            missing -> {
              assertThat(missing.damaged()).isTrue();
              assertThat(missing.reason()).startsWith("not a tar archive");
            });
  }

  @Test
  void find_stopsAfterTheHeaderLimit() {
    TarFiles files = tar();
    for (int i = 0; i < 10; i++) {
      files.add("./f" + i, "x");
    }
    byte[] archive = files.add("./" + FILE, YAML).bytes();
    fake.put("a.tar", archive);

    TarLookup result = new TarEntryReader(store, 5, 1024).find("b", "a.tar", archive.length, FILE);

    assertThat(result)
        .isInstanceOfSatisfying(
            TarLookup.Missing.class,
            missing -> assertThat(missing.reason()).contains("not among the first 5 tar headers"));
    assertThat(store.rangeReads()).isEqualTo(5);
  }

  @Test
  void find_whenFileIsLargerThanTheCap_doesNotReadIt() {
    TarLookup result = find(tar().add(FILE, new byte[70_000]).bytes());

    assertThat(result)
        .isInstanceOfSatisfying(
            TarLookup.Missing.class,
            missing -> assertThat(missing.reason()).contains("70000 bytes"));
    assertThat(store.rangeReads()).isEqualTo(1);
  }

  @Test
  void parse_whenSizeIsBase256ForHugeEntries_readsIt() throws Exception {
    TarArchiveEntry entry = new TarArchiveEntry("./repositories.tar");
    long tenGiB = 10L * 1024 * 1024 * 1024;
    entry.setSize(tenGiB);
    byte[] block = new byte[512];
    entry.writeEntryHeader(block, ZipEncodingHelper.getZipEncoding("UTF-8"), true);

    TarHeader header = TarHeader.parse(block).orElseThrow();

    assertThat(header.size()).isEqualTo(tenGiB);
    assertThat(header.name()).isEqualTo("./repositories.tar");
  }
}
