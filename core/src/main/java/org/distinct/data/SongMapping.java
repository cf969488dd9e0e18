package org.distinct.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distinct.BadInputException;

/**
 * Which class (genre) each song belongs to. Songs are matched by name, trimmed and case-insensitively
 * ({@code s3} = {@code S3}); classes are numbered in order of first appearance.
 *
 * <p>The default is the documented one of the music–EEG data: S1–S4 classical, S5–S8 instrumental, S9–S12
 * pop. A mapping file holds one {@code song,class} pair per line ({@code ;}, tab or {@code =} also separate;
 * blank lines and lines starting with {@code #} are skipped; a first line {@code song,class} is a header).
 *
 * @param songToClass song name → class name, in the given order
 * @param classNames distinct class names in order of first appearance
 * @param origin where the mapping came from ({@code "default"}, a file name or {@code "option"})
 */
public record SongMapping(Map<String, String> songToClass, List<String> classNames, String origin) {

  /** Checks that every class is named and every song maps to a listed class. */
  public SongMapping {
    songToClass = Collections.unmodifiableMap(new LinkedHashMap<>(songToClass));
    classNames = List.copyOf(classNames);
    if (songToClass.isEmpty()) throw new BadInputException(origin + ": the song mapping is empty");
    for (String c : songToClass.values())
      if (!classNames.contains(c)) throw new IllegalArgumentException("class " + c + " not in classNames");
  }

  /** @return S1–S4 classical, S5–S8 instrumental, S9–S12 pop */
  public static SongMapping defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int s = 1; s <= 12; s++) m.put("S" + s, DemoData.GENRES.get((s - 1) / 4));
    return new SongMapping(m, DemoData.GENRES, "default");
  }

  /** @return whether this is the built-in default mapping */
  public boolean isDefault() {
    return origin.equals("default");
  }

  /**
   * Reads a mapping file.
   *
   * @param file lines {@code song,class}
   * @return the mapping
   * @throws BadInputException if the file cannot be read or a line is malformed (row named)
   */
  public static SongMapping parse(Path file) {
    TableReader.checkReadable(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
    return parseLines(lines, file.toString());
  }

  /**
   * Parses mapping entries given as options, e.g. {@code S1=classical}.
   *
   * @param entries one {@code song=class} (or {@code song,class}) per entry
   * @return the mapping
   * @throws BadInputException if an entry is malformed
   */
  public static SongMapping parseOptions(List<String> entries) {
    return parseLines(entries, "option");
  }

  private static SongMapping parseLines(List<String> lines, String origin) {
    Map<String, String> m = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] parts = line.split("\\s*[,;=\\t]\\s*", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank())
        throw BadInputException.at(origin, i + 1, null, "expected 'song,class' (or song=class), got '" + line + "'");
      String song = unquote(parts[0]), cls = unquote(parts[1]);
      if (m.isEmpty() && song.equalsIgnoreCase("song") && (cls.equalsIgnoreCase("class") || cls.equalsIgnoreCase("genre")))
        continue;
      String key = song.toLowerCase(Locale.ROOT);
      if (seen.containsKey(key))
        throw BadInputException.at(origin, i + 1, null, "song '" + song + "' is mapped twice");
      seen.put(key, song);
      m.put(song, cls);
      if (!classes.contains(cls)) classes.add(cls);
    }
    if (m.isEmpty()) throw new BadInputException(origin + ": the song mapping is empty");
    if (classes.size() < 2)
      throw new BadInputException(origin + ": the song mapping has only one class ('" + classes.get(0) + "'); at least two are needed");
    return new SongMapping(m, classes, origin);
  }

  private static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1).strip();
    return t;
  }

  /**
   * @param song a song name (trimmed, case-insensitive)
   * @return the class index, or -1 if the song is not mapped
   */
  public int classOf(String song) {
    String want = song.strip();
    for (Map.Entry<String, String> e : songToClass.entrySet())
      if (e.getKey().equalsIgnoreCase(want)) return classNames.indexOf(e.getValue());
    return -1;
  }

  /** @return the mapped song names, in the given order */
  public List<String> songs() {
    return List.copyOf(songToClass.keySet());
  }
}
