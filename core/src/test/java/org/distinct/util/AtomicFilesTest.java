package org.distinct.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void stopWritesWaitsForTheWriteInProgressAndNoWriteStartsAfterIt(@TempDir Path dir) throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Path a = dir.resolve("a.txt");
    Thread writer = new Thread(() -> {
      try {
        AtomicFiles.write(a, out -> {
          inside.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          out.write(1);
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      writer.start();
      inside.await();
      Thread stopper = new Thread(() -> AtomicFiles.stopWrites(10_000));
      stopper.start();
      stopper.join(200);
      assertThat(stopper.isAlive()).as("waits for the write in progress").isTrue();
      release.countDown();
      stopper.join(5000);
      writer.join(5000);
      assertThat(stopper.isAlive()).isFalse();
      assertThat(Files.readAllBytes(a)).containsExactly(1);
      LockSupport.unpark(Thread.currentThread()); // a permit left over (as CI once had) must not cut the wait short
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> AtomicFiles.writeString(dir.resolve("b.txt"), "x")).isInstanceOf(IOException.class)
          .hasMessageContaining("b.txt").hasMessageContaining("distinct is stopping")
          .satisfies(e -> assertThat(e.getCause() == null ? e : e.getCause()).isInstanceOf(InterruptedIOException.class));
      assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(AtomicFiles.STOPPED_WAIT_MILLIS - 50);
      try (Stream<Path> s = Files.list(dir)) {
        assertThat(s.map(p -> p.getFileName().toString()).toList()).as("no temporary file").containsExactly("a.txt");
      }
    } finally {
      AtomicFiles.resumeWrites();
      release.countDown();
    }
  }

  @Test
  void writesAndReplacesAndCreatesParents(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a/b/out.txt");
    AtomicFiles.writeString(f, "first ü");
    assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo("first ü");
    AtomicFiles.writeText(f, w -> w.write("second"));
    assertThat(Files.readString(f)).isEqualTo("second");
    AtomicFiles.writeBytes(f, new byte[] {1, 2, 3});
    assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
    assertThat(listNames(f.getParent())).containsExactly("out.txt");
    if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Path plain = Files.createFile(dir.resolve("plain.txt")); // default permissions under the umask
      assertThat(Files.getPosixFilePermissions(f))
          .as("same permissions as any new file, not createTempFile's 0600")
          .isEqualTo(Files.getPosixFilePermissions(plain));
    }
  }

  @Test
  void failureLeavesOldContentAndNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("out.txt");
    AtomicFiles.writeString(f, "old");
    assertThatThrownBy(
            () ->
                AtomicFiles.writeText(
                    f,
                    w -> {
                      w.write("half of the new content");
                      w.flush();
                      throw new IOException("disk full (simulated)");
                    }))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(f + ": disk full (simulated)") // the error names the file, which a bare disk-full error does not
        .hasRootCauseMessage("disk full (simulated)");
    assertThat(Files.readString(f)).isEqualTo("old");
    assertThat(listNames(dir)).containsExactly("out.txt");
  }

  private static List<String> listNames(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
