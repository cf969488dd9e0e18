package org.distinct.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

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
