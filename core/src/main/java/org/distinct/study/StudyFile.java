package org.distinct.study;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.distinct.BadInputException;

/** Reads and writes study files (YAML). Unknown keys, wrong types and invalid values are errors with the line. */
public final class StudyFile {
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

  private StudyFile() {}

  /** The built-in studies, by name: each a resource {@code NAME.yaml} beside this class. */
  public static final List<String> BUILT_IN = List.of("paper", "paper-full", "architectures");

  /** @return the text of the built-in 'paper' study */
  public static String defaultText() {
    return builtInText("paper");
  }

  /**
   * @param name a built-in study's name
   * @return its text
   * @throws BadInputException for a name that is not built in
   */
  public static String builtInText(String name) {
    if (!BUILT_IN.contains(name))
      throw new BadInputException("'" + name + "' is neither a study file nor a built-in study (" + String.join(", ", BUILT_IN) + ")");
    try (InputStream in = StudyFile.class.getResourceAsStream(name + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the built-in 'paper' study */
  public static StudyConfig defaults() {
    return builtIn("paper");
  }

  /**
   * @param name a built-in study's name
   * @return the study
   */
  public static StudyConfig builtIn(String name) {
    return parse(builtInText(name), "built-in " + name + " study");
  }

  /**
   * A study by file or built-in name: an existing file is read; otherwise a built-in name gives that study.
   *
   * @param fileOrName a path or a built-in study's name
   * @return the study
   * @throws BadInputException for a missing file that is no built-in name either, naming both
   */
  public static StudyConfig load(String fileOrName) {
    Path p = Path.of(fileOrName);
    if (!Files.exists(p) && BUILT_IN.contains(fileOrName)) return builtIn(fileOrName);
    if (!Files.exists(p))
      throw new BadInputException(fileOrName + ": no such study file (built-in studies: " + String.join(", ", BUILT_IN) + ")");
    return read(p);
  }

  /**
   * Reads a study file.
   *
   * @param file the YAML file
   * @return the validated study
   * @throws BadInputException naming the file and line of any problem
   */
  public static StudyConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses study text.
   *
   * @param text YAML text
   * @param source file name for messages
   * @return the validated study
   */
  public static StudyConfig parse(String text, String source) {
    if (text.isBlank()) throw new BadInputException(source + ": the study file is empty");
    try {
      StudyConfig c = YAML.readValue(text, StudyConfig.class);
      if (c == null) throw new BadInputException(source + ": the study file is empty");
      return c;
    } catch (UnrecognizedPropertyException e) {
      int line = keyLine(text, String.valueOf(e.getPropertyName()), e.getLocation());
      String parent = path(e).replace("." + e.getPropertyName() + "'", "'");
      throw new BadInputException(source + ": line " + line + ": unknown key '" + e.getPropertyName() + "' in "
          + (parent.equals("'" + e.getPropertyName() + "'") ? "the study" : parent) + " (known: " + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")", e);
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause();
      while (cause != null && !(cause instanceof BadInputException)) cause = cause.getCause();
      if (cause != null) throw new BadInputException(where(source, e.getLocation()) + cause.getMessage(), e);
      throw new BadInputException(where(source, e.getLocation()) + "wrong value for " + path(e) + ": " + e.getOriginalMessage().split("\n")[0], e);
    } catch (JsonProcessingException e) {
      throw new BadInputException(where(source, e.getLocation()) + "not valid YAML: " + e.getOriginalMessage().split("\n")[0], e);
    }
  }

  /** The line of the last {@code key:} at or before the parser's position (Jackson reports the value's end). */
  private static int keyLine(String text, String key, JsonLocation loc) {
    String[] lines = text.split("\n", -1);
    int upTo = loc == null || loc.getLineNr() < 1 ? lines.length : Math.min(lines.length, loc.getLineNr());
    Pattern p = Pattern.compile("^\\s*(-\\s+)?['\"]?" + Pattern.quote(key) + "['\"]?\\s*:");
    for (int i = upTo - 1; i >= 0; i--) if (p.matcher(lines[i]).find()) return i + 1;
    return loc == null ? 0 : loc.getLineNr();
  }

  private static String where(String source, JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? source + ": " : source + ": line " + loc.getLineNr() + ": ";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      else if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
    }
    return sb.length() == 0 ? "the study" : "'" + sb + "'";
  }

  /**
   * Writes a study as YAML (for provenance: the exact configuration a report was made with).
   *
   * @param config the study
   * @return YAML text that {@link #parse} reads back to an equal study
   */
  public static String write(StudyConfig config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
