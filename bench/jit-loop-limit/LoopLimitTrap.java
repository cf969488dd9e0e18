import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The C2 behaviour behind the kernels' exclusive loop bounds (bench/run-loop-limit-trap.sh): a time loop over Vector API
 * code with an inclusive bound ({@code t <= to}, {@code t >= lo}) that runs exactly once traps on its loop-limit check
 * once compiled (JDK 17), and the method is compiled again; the same loop with an exclusive bound does not. Usage:
 * {@code LoopLimitTrap le|lt|ge|gt FROM TO}; run with -XX:+LogCompilation and count the uncommon traps.
 */
public final class LoopLimitTrap {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private LoopLimitTrap() {}

  static void le(float[] s, float[] w, int hp, int from, int to) {
    for (int t = from; t <= to; t++) {
      FloatVector a = FloatVector.fromArray(F, w, 0);
      for (int j = 0; j < 13; j++) a = FloatVector.fromArray(F, w, j * hp).fma(FloatVector.broadcast(F, s[(t - 1) * hp + j]), a);
      a.intoArray(s, t * hp);
    }
  }

  static void lt(float[] s, float[] w, int hp, int from, int to) {
    for (int t = from, end = to + 1; t < end; t++) {
      FloatVector a = FloatVector.fromArray(F, w, 0);
      for (int j = 0; j < 13; j++) a = FloatVector.fromArray(F, w, j * hp).fma(FloatVector.broadcast(F, s[(t - 1) * hp + j]), a);
      a.intoArray(s, t * hp);
    }
  }

  static void ge(float[] s, float[] w, int hp, int lo, int hi) {
    for (int t = hi; t >= lo; t--) {
      FloatVector a = FloatVector.fromArray(F, w, 0);
      for (int j = 0; j < 13; j++) a = FloatVector.fromArray(F, w, j * hp).fma(FloatVector.broadcast(F, s[(t - 1) * hp + j]), a);
      a.intoArray(s, t * hp);
    }
  }

  static void gt(float[] s, float[] w, int hp, int lo, int hi) {
    for (int t = hi, stop = lo - 1; t > stop; t--) {
      FloatVector a = FloatVector.fromArray(F, w, 0);
      for (int j = 0; j < 13; j++) a = FloatVector.fromArray(F, w, j * hp).fma(FloatVector.broadcast(F, s[(t - 1) * hp + j]), a);
      a.intoArray(s, t * hp);
    }
  }

  public static void main(String[] args) {
    int hp = 16;
    float[] s = new float[10 * hp], w = new float[13 * hp];
    int from = Integer.parseInt(args[1]), to = Integer.parseInt(args[2]);
    for (int i = 0; i < 30_000; i++) {
      switch (args[0]) {
        case "le" -> le(s, w, hp, from, to);
        case "lt" -> lt(s, w, hp, from, to);
        case "ge" -> ge(s, w, hp, from, to);
        case "gt" -> gt(s, w, hp, from, to);
        default -> throw new IllegalArgumentException("form: le, lt, ge or gt");
      }
    }
  }
}
