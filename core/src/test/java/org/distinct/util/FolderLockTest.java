package org.distinct.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process per folder: the lock file, its holder, stale locks and file systems without locks. */
class FolderLockTest {

  /** The PID of a process that has ended (a short child that is waited for). */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.pid();
  }

  @Test
  void aHeldFolderIsRefusedAndReleasedWithoutTrace(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("a").resolve("b");
    FolderLock lock = FolderLock.acquire(out, "distinct study");
    Path file = out.resolve(FolderLock.FILE);
    assertThat(file).exists();
    FolderLock.InUseException e = catchInUse(out);
    assertThat(e).hasMessage(out + ": in use by distinct study (pid " + ProcessHandle.current().pid() + ", started " + e.holder().started()
        + "); wait for it or stop it");
    lock.close();
    lock.close(); // idempotent
    assertThat(file).doesNotExist();
    assertThat(dir.resolve("a")).as("the folders it made, empty again, are removed").doesNotExist();
  }

  private static FolderLock.InUseException catchInUse(Path out) {
    try {
      FolderLock.acquire(out, "x").close();
      throw new AssertionError("not refused");
    } catch (FolderLock.InUseException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFolderWithContentIsKept(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("r");
    try (FolderLock lock = FolderLock.acquire(out, "distinct study")) {
      Files.writeString(out.resolve("index.html"), "report");
      assertThat(lock.previous()).isNull();
    }
    assertThat(out.resolve("index.html")).exists();
    assertThat(out.resolve(FolderLock.FILE)).doesNotExist();
  }

  @Test
  void aLockLeftByAKilledProcessIsTakenOver(@TempDir Path dir) throws Exception {
    long dead = deadPid();
    Files.writeString(dir.resolve(FolderLock.FILE), new FolderLock.Holder(dead, FolderLock.hostName(), "2026-01-01T00:00:00Z", "distinct study").text());
    for (boolean osLocks : new boolean[] {true, false}) {
      try (FolderLock lock = FolderLock.acquire(dir, "distinct study", osLocks)) {
        assertThat(lock.previous()).isEqualTo(new FolderLock.Holder(dead, FolderLock.hostName(), "2026-01-01T00:00:00Z", "distinct study"));
        assertThat(lock.previous().describe()).isEqualTo("distinct study (pid " + dead + ", started 2026-01-01T00:00:00Z)");
      }
      Files.writeString(dir.resolve(FolderLock.FILE), new FolderLock.Holder(dead, FolderLock.hostName(), "2026-01-01T00:00:00Z", "distinct study").text());
    }
  }

  @Test
  void withoutOsLocksALiveHolderKeepsTheFolder(@TempDir Path dir) throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Files.writeString(dir.resolve(FolderLock.FILE), new FolderLock.Holder(other.pid(), FolderLock.hostName(), "2026-01-01T00:00:00Z", "distinct prune").text());
      assertThatThrownBy(() -> FolderLock.acquire(dir, "distinct study", false))
          .isInstanceOf(FolderLock.InUseException.class)
          .hasMessageContaining("in use by distinct prune (pid " + other.pid() + ", started 2026-01-01T00:00:00Z)");
      // a holder on another host cannot be checked, so it is assumed to run
      Files.writeString(dir.resolve(FolderLock.FILE), new FolderLock.Holder(deadPid(), "elsewhere", "2026-01-01T00:00:00Z", "distinct study").text());
      assertThatThrownBy(() -> FolderLock.acquire(dir, "distinct study", false)).hasMessageContaining(" on elsewhere, started");
      // with operating-system locks the OS decides: nobody holds the file's lock, so it is taken over
      try (FolderLock lock = FolderLock.acquire(dir, "distinct study", true)) {
        assertThat(lock.previous().host()).isEqualTo("elsewhere");
      }
    } finally {
      other.destroyForcibly();
      other.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aTornLockFileNamesNoHolderAndIsTakenOver(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(FolderLock.FILE), "pid 12");
    try (FolderLock lock = FolderLock.acquire(dir, "distinct study", false)) {
      assertThat(lock.previous()).isNull();
    }
    assertThat(FolderLock.Holder.parse("pid x\nhost h\nstarted s\ncommand c\n")).isNull();
    FolderLock.Holder h = new FolderLock.Holder(42, "h", "s", "distinct study");
    assertThat(FolderLock.Holder.parse(h.text())).isEqualTo(h);
  }
}
