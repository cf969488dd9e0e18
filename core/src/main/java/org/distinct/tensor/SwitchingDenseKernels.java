package org.distinct.tensor;

/**
 * {@link DenseKernels} that run the plain implementation until they are switched to the Vector API one: the inference
 * kernels ({@code affine}, {@code sigmoid}) alone at {@link #useVectorForInference()}, all four at {@link #useVector()}. So a command that only classifies waits only for the compilation of the kernels it runs. Both
 * implementations give identical bits (see {@link DenseKernels}), so switching at any moment, even in the middle of a
 * training run in another thread, changes only speed.
 */
final class SwitchingDenseKernels implements DenseKernels {
  private final DenseKernels plain;
  private final DenseKernels vector;
  private volatile DenseKernels inference; // affine and sigmoid
  private volatile DenseKernels active; // the training kernels (outerGradients and multiply)

  /**
   * @param plain the plain kernels, used first
   * @param vector the vector kernels, used after {@link #useVector()}
   */
  SwitchingDenseKernels(DenseKernels plain, DenseKernels vector) {
    this.plain = plain;
    this.vector = vector;
    this.inference = plain;
    this.active = plain;
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
    inference.affine(x, xOff, xStride, n, in, wt, b, outP, y);
  }

  @Override
  public void outerGradients(double[] dy, int outP, int out, double[] x, int inP, int n, double[] dw, double[] db) {
    active.outerGradients(dy, outP, out, x, inP, n, dw, db);
  }

  @Override
  public void multiply(double[] dy, int outP, int out, double[] w, int inP, int n, double[] dx) {
    active.multiply(dy, outP, out, w, inP, n, dx);
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
