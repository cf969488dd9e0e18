package org.distinct.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps two distinct processes out of one output folder: a lock file {@value #FILE} in the folder, locked by the
 * operating system ({@link FileChannel#tryLock()}) for as long as the process works there and holding its PID, host
 * and start time, so that a second process is refused at once with a line naming the first.
 *
 * <p>A lock left behind by a process that was killed is stale: the operating system released its lock when the
 * process ended, so the next process takes it over (and {@link #previous()} names the dead holder). Where the file
 * system offers no locks (some network file systems), the recorded PID decides instead: a lock whose process no longer
 * runs on this host ({@link ProcessHandle#of(long)}) is taken over.
 *
 * <p>{@link #close()} deletes the lock file (and the folders {@link #acquire} created, if nothing else was put in
 * them). The file is only ever read through the locked channel: on POSIX systems closing any other descriptor of the
 * file would release the lock. Within one JVM the folder is refused while it is held, without touching the file.
 */
public final class FolderLock implements AutoCloseable {
  /** Name of the lock file inside the locked folder. */
  public static final String FILE = ".distinct-lock";

  private static final Map<Path, Holder> HELD = new ConcurrentHashMap<>();
  private static final int ATTEMPTS = 20;

  private final Path dir;
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock; // null when the file system has no locks
  private final Object fileKey;
  private final List<Path> created;
  private final Holder previous;
  private boolean released;

  /**
   * Who holds (or held) a lock.
   *
   * @param pid process id
   * @param host host name
   * @param started when the lock was taken (ISO-8601, UTC)
   * @param command what runs, e.g. {@code distinct study}
   */
  public record Holder(long pid, String host, String started, String command) {
    /** Validates. */
    public Holder {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(started, "started");
      Objects.requireNonNull(command, "command");
    }

    /** @return the text of the lock file */
    String text() {
      return "pid " + pid + "\nhost " + host + "\nstarted " + started + "\ncommand " + command + "\n";
    }

    /**
     * @param text the text of a lock file
     * @return the holder it names, or null when it names none (empty, torn or not a lock file)
     */
    static Holder parse(String text) {
      Long pid = null;
      String host = null;
      String started = null;
      String command = null;
      for (String line : text.split("\n")) {
        int sp = line.indexOf(' ');
        if (sp < 0) continue;
        String k = line.substring(0, sp);
        String v = line.substring(sp + 1).strip();
        try {
          switch (k) {
            case "pid" -> pid = Long.parseLong(v);
            case "host" -> host = v;
            case "started" -> started = v;
            case "command" -> command = v;
            default -> { }
          }
        } catch (NumberFormatException e) {
          return null;
        }
      }
      if (pid == null || host == null || started == null || command == null) return null;
      return new Holder(pid, host, started, command);
    }

    /** @return e.g. {@code distinct study (pid 1234, started 2026-11-23T10:00:00Z)}, with the host if it is another */
    public String describe() {
      return command + " (pid " + pid + (host.equals(hostName()) ? "" : " on " + host) + ", started " + started + ")";
    }

    /** @return whether the process may still run: on this host, whether the PID is alive; on another, assumed */
    boolean mayRun() {
      if (!host.equals(hostName())) return true;
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  /** The folder is locked by another process (or by this one): the message is the one line to show. */
  public static final class InUseException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Holder holder;

    InUseException(Path dir, Holder holder) {
      super(dir + ": in use by " + (holder == null ? "another distinct process" : holder.describe()) + "; wait for it or stop it");
      this.holder = holder;
    }

    /** @return the holder, or null when the lock file did not (yet) name one */
    public Holder holder() {
      return holder;
    }
  }

  private FolderLock(Path dir, Path file, FileChannel channel, FileLock lock, Object fileKey, List<Path> created, Holder previous) {
    this.dir = dir;
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.fileKey = fileKey;
    this.created = created;
    this.previous = previous;
  }

  /**
   * Locks a folder, creating it (and missing parents) if needed.
   *
   * @param dir the folder
   * @param command what will run there, for the message another process shows (e.g. {@code distinct study})
   * @return the lock; close it when done
   * @throws InUseException if another process (or this one) holds the folder
   * @throws IOException if the folder or its lock file cannot be created or written
   */
  public static FolderLock acquire(Path dir, String command) throws IOException {
    return acquire(dir, command, true);
  }

  /**
   * @param osLocks false to behave as on a file system without locks (the recorded PID decides), for tests
   * @see #acquire(Path, String)
   */
  static FolderLock acquire(Path dir, String command, boolean osLocks) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Holder me = new Holder(ProcessHandle.current().pid(), hostName(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command);
    List<Path> created = new ArrayList<>();
    try {
      createDirectories(abs, created);
    } catch (IOException e) {
      deleteCreated(created);
      throw e;
    }
    // one channel per file within this JVM (closing a second one would drop the first one's lock): keyed by the real path
    Path f = abs.toRealPath().resolve(FILE);
    Holder here = HELD.putIfAbsent(f, me);
    if (here != null) {
      deleteCreated(created);
      throw new InUseException(abs, here);
    }
    boolean ok = false;
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        FolderLock l = tryOnce(abs, f, me, created, osLocks);
        if (l != null) {
          ok = true;
          FaultHook.at("locked");
          return l;
        }
      }
      throw new IOException(f + ": the lock file keeps changing while it is taken; is another program deleting it?");
    } finally {
      if (!ok) {
        HELD.remove(f);
        deleteCreated(created);
      }
    }
  }

  /** One attempt: null when the lock file changed under it (retry). */
  private static FolderLock tryOnce(Path dir, Path f, Holder me, List<Path> created, boolean osLocks) throws IOException {
    Object before = key(f);
    FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    boolean ok = false;
    try {
      Object k = key(f);
      // Whether the channel is the file now at the path is only known when the path named the same file before it
      // was opened: a file just created (or replaced) is opened again in the next attempt.
      if (before == null || !before.equals(k)) return null;
      FileLock lock = null;
      boolean locks = osLocks;
      try {
        if (locks) lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        throw new InUseException(dir, null);
      } catch (IOException | UnsupportedOperationException e) {
        locks = false; // e.g. a network file system without locks
      }
      if (!locks) {
        FolderLock l = withoutOsLock(dir, f, ch, k, me, created);
        ok = true;
        return l;
      }
      if (lock == null) throw new InUseException(dir, Holder.parse(read(ch)));
      if (!k.equals(key(f))) { // its last holder deleted it as we locked it: the path names another file now
        lock.release();
        return null;
      }
      Holder old = Holder.parse(read(ch));
      write(ch, f, me);
      ok = true;
      return new FolderLock(dir, f, ch, lock, k, created, old != null && old.pid() != me.pid() ? old : null);
    } finally {
      if (!ok) ch.close();
    }
  }

  /** A file system without locks: the recorded PID decides. */
  private static FolderLock withoutOsLock(Path dir, Path f, FileChannel ch, Object k, Holder me, List<Path> created) throws IOException {
    Holder old = Holder.parse(read(ch));
    if (old != null && old.pid() != me.pid() && old.mayRun()) throw new InUseException(dir, old);
    write(ch, f, me);
    return new FolderLock(dir, f, ch, null, k, created, old);
  }

  /** @return the holder of a stale lock this one took over (its process had ended), or null */
  public Holder previous() {
    return previous;
  }

  /** @return the locked folder */
  public Path folder() {
    return dir;
  }

  /** Deletes the lock file and releases the lock (idempotent). */
  @Override
  public synchronized void close() {
    if (released) return;
    released = true;
    try {
      try {
        if (fileKey.equals(key(file))) Files.deleteIfExists(file);
      } finally {
        if (lock != null && lock.isValid()) lock.release();
      }
    } catch (IOException e) {
      // best effort: a lock file left behind is stale and taken over by the next process
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to release
      }
      HELD.remove(file);
      deleteCreated(created);
    }
  }

  private static String read(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4096);
    long pos = 0;
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) break;
      pos += n;
    }
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
  }

  private static void write(FileChannel ch, Path f, Holder me) throws IOException {
    try {
      ch.truncate(0);
      ByteBuffer b = ByteBuffer.wrap(me.text().getBytes(StandardCharsets.UTF_8));
      long pos = 0;
      while (b.hasRemaining()) pos += ch.write(b, pos);
      ch.force(true);
    } catch (IOException e) {
      throw AtomicFiles.naming(f, e);
    }
  }

  /** @return the file's identity (device and inode), or null if it does not exist; never opens the file */
  private static Object key(Path f) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.fileKey() != null ? a.fileKey() : a.creationTime();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static void createDirectories(Path dir, List<Path> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) missing.add(p);
    Collections.reverse(missing);
    for (Path p : missing) {
      try {
        Files.createDirectory(p);
        created.add(p);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) throw new NotDirectoryException(p.toString());
      }
    }
  }

  /** Deletes the folders made for the lock, deepest first, while they are empty. */
  private static void deleteCreated(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException e) { // not empty (something was written there) or not ours to delete
        return;
      }
    }
  }

  private static volatile String host;

  /** @return this machine's host name (from the kernel or the environment, never a DNS lookup) */
  static String hostName() {
    String h = host;
    if (h != null) return h;
    for (String p : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
      try {
        h = Files.readString(Path.of(p)).strip();
        if (!h.isEmpty()) break;
      } catch (IOException | RuntimeException e) {
        h = null;
      }
    }
    if (h == null || h.isEmpty()) h = System.getenv("HOSTNAME");
    if (h == null || h.isEmpty()) h = System.getenv("COMPUTERNAME");
    if (h == null || h.isEmpty()) h = "localhost";
    host = h;
    return h;
  }
}
