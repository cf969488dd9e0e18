package org.distinct.tensor;

import java.util.Optional;

/**
 * Chooses the {@link DenseKernels} once, at class initialisation (like Apache Lucene's
 * {@code VectorizationProvider}): the Vector API implementation if the module {@code jdk.incubator.vector}
 * is in the boot layer and its preferred double vector has at least 2 lanes dividing
 * {@link DenseKernels#PAD}, otherwise {@link PlainDenseKernels}. Both give identical bits, so the choice
 * changes only speed. The vector class is loaded by reflection only after the probe succeeds.
 *
 * <p>Start-up: until C2 has compiled them, the vector kernels are far slower than the plain ones (see
 * {@link KernelWarmup}). So when they are available, {@link #get()} returns kernels that run the plain
 * implementation while a background warm-up ({@link KernelWarmup.Kind#DENSE}) compiles the vector one, and switch to
 * it once it is compiled and faster, all four kernels at once ({@link SwitchingDenseKernels}). {@link #forInference()}
 * returns the same kernels, for work that only classifies (its warm-up, {@link KernelWarmup.Kind#DENSE_INFERENCE},
 * compiles and switches only {@code affine} and {@code sigmoid}). Identical bits make the moment of the switch
 * invisible in every result.
 *
 * <p>When a warm-up starts: a warm-up costs CPU (its own rounds and the JIT's compilations, about a quarter of a
 * second on two cores for all four kernels), which a few epochs of a small network never earn back: the plain kernels
 * do such an epoch of the paper's MLP in about 0.8 ms, the vector ones in 0.2 ms. So using the kernels starts no
 * warm-up; it starts when the plain kernels have done {@link #DEMAND} multiply-adds (about 65 epochs of the paper's
 * network: the full warm-up if {@link #get()} was called, else the inference one), when the command line asks for it
 * ({@link KernelWarmup#start}, which {@code main} does for a long training), or, for the inference kernels, before a
 * steady-state timing ({@link KernelWarmup#startForInference()}), which must measure the final kernels.
 *
 * <p>Narrow vectors: with fewer than {@value #MIN_LANES} doubles a vector (128-bit vectors: SSE or AVX without AVX2 on
 * x86, NEON on ARM) the compiled vector kernels are slower than the plain ones (classifying the demo's 576 rows
 * through a 25-30-3 network, on this project's machine with 128-bit vectors forced: 0.87-0.92 ms against 0.54-0.58
 * ms; with 256 bits 0.11 against 0.70, with 512 bits 0.065 against 0.59), and a warm-up race the vector kernels
 * cannot win would hold every timed command for its 10 s limit. So by default they are then not used at all: the
 * plain kernels from the start, no warm-up. The bits are the same either way.
 *
 * <p>The system property {@code distinct.dense.kernels=plain} forces the plain implementation,
 * {@code distinct.dense.kernels=vector} the vector one from the start, also with narrow vectors (no switch; also with
 * {@code distinct.warmup=false}).
 */
public final class DenseKernelsProvider {
  private static final String VECTOR_CLASS = "org.distinct.tensor.VectorDenseKernels";
  private static final String FORCED = System.getProperty("distinct.dense.kernels", "").trim();
  private static final DenseKernels PLAIN = new PlainDenseKernels();
  /** Doubles a vector must hold for the vector kernels to be used by default. */
  static final int MIN_LANES = 4;
  private static final DenseKernels VECTOR = loadVector();
  /** Whether the vector kernels are worth using here unless forced: present, and vectors of {@link #MIN_LANES} or more. */
  private static final boolean WORTH_IT = VECTOR != null && (VECTOR.lanes() >= MIN_LANES || "vector".equalsIgnoreCase(FORCED));
  /**
   * Multiply-adds on the plain kernels after which the warm-up starts by itself: 2^26, about 65 epochs of the paper's
   * 25-30-3 network on 456 rows (about a million multiply-adds each, forward and backward).
   */
  static final long DEMAND = 1L << 26;
  private static final SwitchingDenseKernels SWITCHING = WORTH_IT && FORCED.isEmpty() && KernelWarmup.enabled()
      ? new SwitchingDenseKernels(PLAIN, VECTOR, DEMAND, DenseKernelsProvider::demanded) : null;
  private static final DenseKernels CHOSEN =
      "plain".equalsIgnoreCase(FORCED) || !WORTH_IT ? PLAIN : SWITCHING != null ? SWITCHING : VECTOR;
  private static volatile boolean training; // get() has been called: the training kernels are in use
  private static volatile boolean inference; // forInference() has been called

  private DenseKernelsProvider() {}

  /**
   * The kernels distinct uses (see the class comment for when their warm-up starts).
   *
   * @return the kernels
   */
  public static DenseKernels get() {
    if (SWITCHING != null && !training) training = true;
    return CHOSEN;
  }

  /**
   * The kernels distinct uses, for work that runs only the inference kernels ({@code affine}, {@code sigmoid}): the
   * same as {@link #get()}, but the warm-up their work or a timing starts is only theirs.
   *
   * @return the kernels
   */
  public static DenseKernels forInference() {
    if (SWITCHING != null && !inference) inference = true;
    return CHOSEN;
  }

  /** The plain kernels have done {@link #DEMAND} multiply-adds: starts the warm-up of the kernels in use. */
  private static void demanded() {
    KernelWarmup.start(training ? KernelWarmup.Kind.DENSE : KernelWarmup.Kind.DENSE_INFERENCE);
  }

  /** Starts the inference warm-up if {@link #forInference()} has been called and the inference kernels are still plain. */
  static void startForInference() {
    if (SWITCHING != null && inference && !SWITCHING.inferenceVectorActive()) KernelWarmup.start(KernelWarmup.Kind.DENSE_INFERENCE);
  }

  /** @return the plain-Java kernels */
  public static DenseKernels plain() {
    return PLAIN;
  }

  /** @return the Vector API kernels, if the module is present and usable */
  public static Optional<DenseKernels> vectorized() {
    return Optional.ofNullable(VECTOR);
  }

  /** @return whether {@link #get()} runs the vector kernels now (false while they warm up, or without them) */
  public static boolean vectorActive() {
    return CHOSEN == VECTOR || SWITCHING != null && SWITCHING.vectorActive();
  }

  /**
   * The inference warm-up task ({@link KernelWarmup.Kind#DENSE_INFERENCE}): switches the inference kernels of
   * {@link #get()} to the vector ones when they win (nothing to do once all kernels have switched).
   */
  static void warmUpInferenceNow() {
    if (SWITCHING == null || SWITCHING.inferenceVectorActive()) return;
    if (DenseWarmup.run(VECTOR, PLAIN, KernelWarmup.MAX_NANOS, false)) SWITCHING.useVectorForInference();
  }

  /** The full warm-up task ({@link KernelWarmup.Kind#DENSE}): switches all four kernels to the vector ones when they win. */
  static void warmUpNow() {
    if (SWITCHING == null || SWITCHING.vectorActive()) return;
    if (DenseWarmup.run(VECTOR, PLAIN, KernelWarmup.MAX_NANOS, true)) SWITCHING.useVector();
  }

  private static DenseKernels loadVector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
    try {
      return (DenseKernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
