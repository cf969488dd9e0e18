import java.nio.file.Path;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;

/**
 * Fresh-JVM cost of reading one model file: prints the milliseconds of the first {@code ModelFile.load} in this JVM
 * (class loading and initialisation of the JSON reader included), then of a second load of the same file.
 * Usage (bench/run-model-load.sh): java -cp distinct.jar:DIR ModelLoadOnce MODEL.json
 */
public final class ModelLoadOnce {
  private ModelLoadOnce() {}

  /** @param args the model file */
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    SavedModel m = ModelFile.load(Path.of(args[0]));
    long t1 = System.nanoTime();
    SavedModel again = ModelFile.load(Path.of(args[0]));
    long t2 = System.nanoTime();
    if (m.network().parameterCount() != again.network().parameterCount()) throw new IllegalStateException();
    System.out.printf("%.1f %.1f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  }
}
