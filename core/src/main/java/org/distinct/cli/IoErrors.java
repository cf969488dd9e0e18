package org.distinct.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * One-line descriptions of I/O errors for the command line: the path first, then what is wrong in words (Java's
 * {@link AccessDeniedException} says only the path), and for a full disk what to do about it.
 */
final class IoErrors {
  private IoErrors() {}

  /**
   * @param e an I/O error
   * @return e.g. {@code /r/report/index.html: permission denied}, or {@code …: No space left on device; free some space
   *     (or choose another folder) and run again}
   */
  static String describe(IOException e) {
    String msg;
    if (e instanceof FileSystemException f) {
      String reason = f.getReason() != null ? f.getReason() : reason(f);
      msg = f.getFile() == null ? reason : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason;
    } else {
      msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
    msg = msg.replaceAll("[\\r\\n]+", " ");
    return isNoSpace(e) ? msg + "; free some space (or choose another folder) and run again" : msg;
  }

  private static String reason(FileSystemException f) {
    if (f instanceof AccessDeniedException) return "permission denied";
    if (f instanceof NoSuchFileException) return "no such file or folder";
    if (f instanceof FileAlreadyExistsException) return "already exists";
    if (f instanceof NotDirectoryException) return "not a folder";
    if (f instanceof DirectoryNotEmptyException) return "the folder is not empty";
    return f.getClass().getSimpleName();
  }

  /**
   * @param e an error
   * @return whether it (or a cause) says the disk or the quota is full
   */
  static boolean isNoSpace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("no space left") || m.contains("disk quota exceeded") || m.contains("not enough space")) return true;
    }
    return false;
  }
}
