package org.distinct.study;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.distinct.Version;

/**
 * The version of the code that computed a cached unit: the release ({@link Version#VERSION}) and a fingerprint of the
 * compiled classes of {@code org.distinct} (the SHA-256 of their names and bytes in name order, whether they are read
 * from the jar or from a classes folder), so that a cache made by another build, even of the same release, is
 * recognised as stale. Where the classes cannot be read the fingerprint is {@code unknown}.
 */
public final class CodeVersion {
  private static final String PACKAGE = "org/distinct/";
  private static volatile String current;

  private CodeVersion() {}

  /** @return e.g. {@code 0.1.0+3fa2c81d09be} (release and the first 12 hex digits of the fingerprint) */
  public static String current() {
    String c = current;
    if (c == null) {
      c = Version.VERSION + "+" + fingerprint();
      current = c;
    }
    return c;
  }

  private static String fingerprint() {
    try {
      CodeSource cs = CodeVersion.class.getProtectionDomain().getCodeSource();
      if (cs == null || cs.getLocation() == null) return "unknown";
      Path loc = Path.of(cs.getLocation().toURI());
      Map<String, byte[]> classes = Files.isDirectory(loc) ? fromFolder(loc) : fromJar(loc);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> e : classes.entrySet()) {
        md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(e.getValue());
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    } catch (IOException | URISyntaxException | RuntimeException | NoSuchAlgorithmException e) {
      return "unknown";
    }
  }

  private static Map<String, byte[]> fromFolder(Path root) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    Path pkg = root.resolve(PACKAGE);
    if (!Files.isDirectory(pkg)) return m;
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(pkg)) {
      s.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
    }
    for (Path f : files) m.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
    return m;
  }

  private static Map<String, byte[]> fromJar(Path jar) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (ZipFile z = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> en = z.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (e.isDirectory() || !e.getName().startsWith(PACKAGE) || !e.getName().endsWith(".class")) continue;
        try (InputStream in = z.getInputStream(e)) {
          m.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return m;
  }
}
