package org.distinct.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.distinct.BadInputException;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;

/**
 * Loads and saves models in the format their file name says: {@code .onnx} through {@link OnnxImporter} /
 * {@link OnnxExporter}, anything else as a distinct model file ({@link ModelFile}, JSON). Every command that takes
 * {@code --model FILE} loads through here.
 */
public final class Models {
  private Models() {}

  /**
   * @param path a file name
   * @return true if it ends in {@code .onnx} (any case)
   */
  public static boolean isOnnx(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
  }

  /**
   * @param path a file name
   * @return true if it ends in {@code .json} (any case)
   */
  public static boolean isJson(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /**
   * Reads a model.
   *
   * @param path a {@code .onnx} file or a model file
   * @return the model
   * @throws BadInputException for any problem with the file (one line naming it)
   */
  public static SavedModel load(Path path) {
    return isOnnx(path) ? OnnxImporter.load(path) : ModelFile.load(path);
  }

  /**
   * Writes a model atomically.
   *
   * @param path a {@code .onnx} or {@code .json} file
   * @param model the model
   * @throws IOException if the file cannot be written
   * @throws BadInputException if the extension is neither, or the model cannot be written in that format
   */
  public static void save(Path path, SavedModel model) throws IOException {
    if (isOnnx(path)) OnnxExporter.save(path, model);
    else if (isJson(path)) ModelFile.save(path, model);
    else throw new BadInputException(path + ": unknown model format (the file name must end in .json or .onnx)");
  }
}
