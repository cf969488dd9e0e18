package org.distinct.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distinct.family.DataKind;
import org.distinct.study.StudyConfig;

/**
 * The data files a study reads, as executors see them. Executors read the files themselves, from the same path as
 * the driver: a path relative to the driver's working folder is made absolute before the study is sent (a shared
 * file system mounted at the same place on every node; the built-in demo data are generated, not read). The numbers
 * do not depend on how a path is spelled: the study the driver records keeps the paths as given.
 */
final class DataPaths {
  private DataPaths() {}

  /**
   * One input file or folder.
   *
   * @param field the study field that names it, e.g. {@code data.features}
   * @param path its absolute path
   */
  record Input(String field, String path) implements Serializable {}

  /**
   * @param study the study
   * @return the inputs its sections read (none for the demo data), with absolute paths
   */
  static List<Input> inputs(StudyConfig study) {
    StudyConfig.DataSection d = study.data();
    List<Input> in = new ArrayList<>();
    if (reads(study, DataKind.TABLE) && !d.features().equals("demo")) in.add(new Input("data.features", absolute(d.features())));
    if (reads(study, DataKind.SERIES)) {
      if (!d.series().equals("demo")) in.add(new Input("data.series", absolute(d.series())));
      if (d.songMapping() != null) in.add(new Input("data.songMapping", absolute(d.songMapping())));
    }
    return in;
  }

  /**
   * @param study a study
   * @return the same study with every data path absolute (what executors load)
   */
  static StudyConfig forExecutors(StudyConfig study) {
    StudyConfig.DataSection d = study.data();
    return study.withData(new StudyConfig.DataSection(absolute(d.features()), absolute(d.series()), d.demoSeed(), d.groupColumn(),
        d.labelColumn(), d.classNames(), d.dropFlagged(), absolute(d.songMapping()), d.sheet(), d.layout()));
  }

  private static String absolute(String path) {
    if (path == null || path.equals("demo")) return path;
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  private static boolean reads(StudyConfig study, DataKind kind) {
    for (String name : study.models().keySet()) if (study.family(name).dataKind() == kind) return true;
    return false;
  }
}
