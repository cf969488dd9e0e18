package org.distinct.tensor;

import java.util.Optional;
import org.distinct.util.JitCompiler;

/**
 * Chooses the {@link RnnKernels} implementation once, at class initialisation (the approach of Apache
 * Lucene's {@code VectorizationProvider}): the Vector API implementation if the module
 * {@code jdk.incubator.vector} is in the boot layer (run with {@code --add-modules jdk.incubator.vector})
 * and its preferred float vector has at least 128 bits, otherwise the plain-Java implementation. The
 * Vector API class is loaded only by reflection after the probe succeeds, so nothing else fails to load
 * when the module is missing. Both give identical bits ({@link PlainRnnKernels} mirrors the vector kernels
 * lane for lane), so the choice changes only speed.
 *
 * <p>Start-up: until C2 has compiled them, the vector kernels are far slower than the plain ones (see
 * {@link KernelWarmup}). So when they are available, {@link #get()} returns kernels that run the plain mirror (with
 * the vector kernels' padding) while a background warm-up ({@link KernelWarmup.Kind#RNN}, started by the first
 * {@code get()}) compiles the vector ones, and switch to them once they are compiled and faster, or when the warm-up's
 * time is up ({@code SwitchingRnnKernels}).
 *
 * <p>Narrow vectors: with fewer than {@value #MIN_FLOAT_LANES} floats a vector (128-bit vectors: SSE or AVX without
 * AVX2 on x86, NEON on ARM) the compiled vector kernels are about 4 times slower than the plain ones (15 epochs of the
 * demo's 2-fold RNN training on this project's machine with 128-bit vectors forced: 153 s against 39 s), and the
 * warm-up race, which they cannot win, would hold every command for its 10 s limit and then switch to them. So by
 * default they are then not used at all: the plain kernels from the start (with the padding of the vector kernels,
 * as always), no warm-up. The bits are the same either way.
 *
 * <p>The system property {@code distinct.rnn.kernels=plain} forces the plain implementation,
 * {@code distinct.rnn.kernels=vector} the vector one from the start, also with narrow vectors (no switch; the warm-up
 * then only gets them compiled sooner), as does {@code distinct.warmup=false} with wide vectors; asking for
 * {@code vector} when it is unavailable falls back to plain.
 */
public final class RnnKernelsProvider {
  private static final String VECTOR_CLASS = "org.distinct.tensor.VectorRnnKernels";
  private static final String FORCED = System.getProperty("distinct.rnn.kernels", "").trim();
  private static final RnnKernels VECTOR = loadVector();
  private static final RnnKernels PLAIN = VECTOR == null
      ? new PlainRnnKernels()
      : new PlainRnnKernels(VECTOR.paddedSize(1, false), VECTOR.paddedSize(1, true));
  /** Floats a vector must hold for the vector kernels to be used by default. */
  static final int MIN_FLOAT_LANES = 8;
  /** Whether the vector kernels are worth using here unless forced: present, and vectors of 8 floats or more. */
  private static final boolean WORTH_IT = VECTOR != null
      && (VECTOR.paddedSize(1, false) >= MIN_FLOAT_LANES || "vector".equalsIgnoreCase(FORCED));
  private static final SwitchingRnnKernels SWITCHING =
      WORTH_IT && FORCED.isEmpty() && KernelWarmup.enabled() ? new SwitchingRnnKernels(PLAIN, VECTOR) : null;
  private static final RnnKernels CHOSEN =
      "plain".equalsIgnoreCase(FORCED) || !WORTH_IT ? PLAIN : SWITCHING != null ? SWITCHING : VECTOR;
  private static volatile boolean warmupRequested;

  private RnnKernelsProvider() {}

  /**
   * The kernels used by distinct (chosen once). The first call starts their warm-up ({@link KernelWarmup}) unless
   * they are the plain kernels.
   *
   * @return the kernels
   */
  public static RnnKernels get() {
    if (CHOSEN != PLAIN && !warmupRequested) {
      warmupRequested = true;
      KernelWarmup.start(KernelWarmup.Kind.RNN);
    }
    return CHOSEN;
  }

  /**
   * The warm-up task ({@link KernelWarmup.Kind#RNN}): switches {@link #get()} to the vector kernels when they win
   * against the plain mirror, or at the latest when the warm-up's time is up (on a machine so loaded that the race
   * never ends, the plain kernels would otherwise stay for good, several times slower; the vector kernels then get
   * compiled by the real work, as they did before the switch existed; not in a JVM without C2, where they would stay
   * slow). With the vector kernels forced, it only gets
   * them compiled sooner.
   */
  static void warmUpNow() {
    if (CHOSEN == PLAIN || SWITCHING != null && SWITCHING.vectorActive()) return; // plain: nothing to warm up
    boolean won = RnnWarmup.run(VECTOR, PLAIN, KernelWarmup.MAX_NANOS);
    // lost: switch all the same (a loaded machine), unless the JVM has no C2 (the vector code would stay slow)
    if (SWITCHING != null && (won || !JitCompiler.c2Absent())) SWITCHING.useVector();
  }

  /** @return the plain-Java kernels (with the vector kernels' padding when those are available) */
  public static RnnKernels plain() {
    return PLAIN;
  }

  /** @return the Vector API kernels if the module is present and usable */
  public static Optional<RnnKernels> vectorized() {
    return Optional.ofNullable(VECTOR);
  }

  /**
   * @return whether {@link #get()} runs the Vector API kernels, now or once they are compiled (false when the plain
   *     kernels were forced or the module is absent)
   */
  public static boolean vectorChosen() {
    return CHOSEN != PLAIN;
  }

  /** @return whether {@link #get()} runs the vector kernels now (false while they warm up, or without them) */
  public static boolean vectorActive() {
    return CHOSEN == VECTOR || SWITCHING != null && SWITCHING.vectorActive();
  }

  /** @return whether {@code jdk.incubator.vector} is in the boot module layer */
  public static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static RnnKernels loadVector() {
    if (!vectorModulePresent()) return null;
    try {
      RnnKernels k = (RnnKernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
      return k.paddedSize(1, false) >= 4 ? k : null; // fewer than 128 bits: not worth it
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
