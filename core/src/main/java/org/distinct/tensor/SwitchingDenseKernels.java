package org.distinct.tensor;

/**
 * {@link DenseKernels} that run the plain implementation until {@link #useVector()} is called, then the Vector API
 * one. Both give identical bits (see {@link DenseKernels}), so switching at any moment, even in the middle of a
 * training run in another thread, changes only speed.
 */
final class SwitchingDenseKernels implements DenseKernels {
  private final DenseKernels plain;
  private final DenseKernels vector;
  private volatile DenseKernels active;

  /**
   * @param plain the plain kernels, used first
   * @param vector the vector kernels, used after {@link #useVector()}
   */
  SwitchingDenseKernels(DenseKernels plain, DenseKernels vector) {
    this.plain = plain;
    this.vector = vector;
    this.active = plain;
  }

  /** From now on runs the vector kernels. */
  void useVector() {
    active = vector;
  }

  /** @return whether the vector kernels run */
  boolean vectorActive() {
    return active == vector;
  }

  @Override
  public void affine(double[] x, int xOff, int xStride, int n, int in, double[] wt, double[] b, int outP, double[] y) {
    active.affine(x, xOff, xStride, n, in, wt, b, outP, y);
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
    active.sigmoid(z, len);
  }

  @Override
  public String name() {
    return vector.name() + (vectorActive() ? "" : " (plain until compiled)");
  }
}
