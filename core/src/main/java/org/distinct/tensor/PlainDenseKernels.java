package org.distinct.tensor;

import java.util.Arrays;

/** Plain-Java {@link DenseKernels} (inner loops in axpy form; results identical to the vector version). */
public final class PlainDenseKernels implements DenseKernels {

  @Override
  public void affine(double[] x, int xOff, int xStride, int n, int in, double[] wt, double[] b, int outP, double[] y) {
    for (int r = 0; r < n; r++) {
      int yo = r * outP;
      int xo = xOff + r * xStride;
      System.arraycopy(b, 0, y, yo, outP);
      for (int i = 0; i < in; i++) {
        double xv = x[xo + i];
        int wo = i * outP;
        for (int o = 0; o < outP; o++) y[yo + o] += xv * wt[wo + o];
      }
    }
  }

  @Override
  public void outerGradients(double[] dy, int outP, int out, double[] x, int inP, int n, double[] dw, double[] db) {
    Arrays.fill(dw, 0, out * inP, 0.0);
    Arrays.fill(db, 0, outP, 0.0);
    for (int r = 0; r < n; r++) {
      int yo = r * outP;
      int xo = r * inP;
      for (int o = 0; o < out; o++) {
        double d = dy[yo + o];
        int wo = o * inP;
        for (int i = 0; i < inP; i++) dw[wo + i] += d * x[xo + i];
      }
      for (int o = 0; o < outP; o++) db[o] += dy[yo + o];
    }
  }

  @Override
  public void multiply(double[] dy, int outP, int out, double[] w, int inP, int n, double[] dx) {
    for (int r = 0; r < n; r++) {
      int xo = r * inP;
      int yo = r * outP;
      Arrays.fill(dx, xo, xo + inP, 0.0);
      for (int o = 0; o < out; o++) {
        double d = dy[yo + o];
        int wo = o * inP;
        for (int i = 0; i < inP; i++) dx[xo + i] += d * w[wo + i];
      }
    }
  }

  @Override
  public void sigmoid(double[] z, int len) {
    for (int i = 0; i < len; i++) z[i] = FastMath.sigmoid(z[i]);
  }

  @Override
  public String name() {
    return "plain";
  }
}
