package org.distinct.tensor;

/**
 * {@link DenseKernels} that run the plain implementation until they are switched to the Vector API one: the inference
 * kernels ({@code affine}, {@code sigmoid}) alone at {@link #useVectorForInference()}, all four at {@link #useVector()}. So a command that only classifies waits only for the compilation of the kernels it runs. Both
 * implementations give identical bits (see {@link DenseKernels}), so switching at any moment, even in the middle of a
 * training run in another thread, changes only speed.
 *
 * <p>Demand: the kernels count the multiply-adds the plain implementation has done, and once they reach a given
 * number they call a hook, once (the provider then starts the warm-up that compiles the vector kernels: for a few
 * epochs of a small network that warm-up costs more than it saves). The count is a plain field updated by every
 * thread without synchronisation: an estimate of the work done, which only decides when a warm-up starts.
 */
final class SwitchingDenseKernels implements DenseKernels {
  private final DenseKernels plain;
  private final DenseKernels vector;
  private volatile DenseKernels inference; // affine and sigmoid
  private volatile DenseKernels active; // the training kernels (outerGradients and multiply)
  private final long demand;
  private final Runnable onDemand;
  private long plainWork; // multiply-adds on the plain kernels so far (an estimate: see the class comment)
  private volatile boolean demanded;

  /**
   * Kernels without a demand hook.
   *
   * @param plain the plain kernels, used first
   * @param vector the vector kernels, used after {@link #useVector()}
   */
  SwitchingDenseKernels(DenseKernels plain, DenseKernels vector) {
    this(plain, vector, Long.MAX_VALUE, () -> {});
  }

  /**
   * @param plain the plain kernels, used first
   * @param vector the vector kernels, used after {@link #useVector()}
   * @param demand multiply-adds on the plain kernels after which {@code onDemand} runs
   * @param onDemand what to run then (once, on the thread that reached the count; it may rarely run twice when two
   *     threads reach it together)
   */
  SwitchingDenseKernels(DenseKernels plain, DenseKernels vector, long demand, Runnable onDemand) {
    this.plain = plain;
    this.vector = vector;
    this.inference = plain;
    this.active = plain;
    this.demand = demand;
    this.onDemand = onDemand;
  }

  /** @return whether the plain kernels have done the work that calls the demand hook */
  boolean demanded() {
    return demanded;
  }

  private void countPlain(DenseKernels k, long multiplyAdds) {
    if (k != plain || demanded) return;
    long w = plainWork + multiplyAdds;
    plainWork = w;
    if (w >= demand) {
      demanded = true;
      onDemand.run();
    }
  }

  /** From now on runs the vector inference kernels ({@code affine}, {@code sigmoid}). */
  void useVectorForInference() {
    inference = vector;
  }

  /** From now on runs all vector kernels. */
  void useVector() {
    inference = vector;
    active = vector;
  }

  /** @return whether the vector inference kernels run */
  boolean inferenceVectorActive() {
    return inference == vector;
  }

  /** @return whether all vector kernels run */
  boolean vectorActive() {
    return active == vector;
  }

  @Override
  public void affine(double[] x, int xOff, int xStride, int n, int in, double[] wt, double[] b, int outP, double[] y) {
    DenseKernels k = inference;
    countPlain(k, (long) n * in * outP);
    k.affine(x, xOff, xStride, n, in, wt, b, outP, y);
  }

  @Override
  public void outerGradients(double[] dy, int outP, int out, double[] x, int inP, int n, double[] dw, double[] db) {
    DenseKernels k = active;
    countPlain(k, (long) n * out * inP);
    k.outerGradients(dy, outP, out, x, inP, n, dw, db);
  }

  @Override
  public void multiply(double[] dy, int outP, int out, double[] w, int inP, int n, double[] dx) {
    DenseKernels k = active;
    countPlain(k, (long) n * out * inP);
    k.multiply(dy, outP, out, w, inP, n, dx);
  }

  @Override
  public void sigmoid(double[] z, int len) {
    inference.sigmoid(z, len);
  }

  @Override
  public String name() {
    return vector.name() + (vectorActive() ? "" : inferenceVectorActive() ? " (training kernels plain until compiled)" : " (plain until compiled)");
  }
}
