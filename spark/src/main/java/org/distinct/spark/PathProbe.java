package org.distinct.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.Function;

/**
 * A Spark task that checks, on the executor it runs on, that every input of the study can be read there; it returns
 * an empty string, or one line naming the first input that cannot be read, the executor and why.
 */
final class PathProbe implements Function<Integer, String> {
  private static final long serialVersionUID = 1L;
  private final List<DataPaths.Input> inputs;

  /** @param inputs the study's inputs (absolute paths) */
  PathProbe(List<DataPaths.Input> inputs) {
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public String call(Integer task) {
    for (DataPaths.Input in : inputs) {
      String why = problem(Path.of(in.path()));
      if (why != null)
        return in.field() + " " + in.path() + ": " + Where.executor() + " cannot read it (" + why
            + "); data files must be at a path the driver and every executor see";
    }
    return "";
  }

  /** @return why the path cannot be read, or null when it can */
  static String problem(Path p) {
    if (!Files.exists(p)) return "no such file or folder";
    if (!Files.isReadable(p)) return "permission denied";
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.list(p)) {
        s.findAny();
      } catch (IOException e) {
        return "cannot list the folder: " + e.getMessage();
      }
    }
    return null;
  }
}
