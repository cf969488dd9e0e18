package org.distinct.tensor;

import org.distinct.tensor.Conv1dPacking.DoubleLayer;
import org.distinct.tensor.Conv1dPacking.FloatLayer;

/**
 * Plain-Java {@link Conv1dKernels}: simple loops, no channel padding ({@code paddedChannels(c) = c}), tanh from
 * {@link Math#tanh}. Used when the Vector API module is absent, and as the cross-check of
 * {@code VectorConv1dKernels} in tests.
 */
public final class PlainConv1dKernels implements Conv1dKernels {

  /** Creates the kernels (stateless). */
  public PlainConv1dKernels() {}

  @Override
  public String name() {
    return "plain";
  }

  @Override
  public int paddedChannels(int channels, boolean doublePrecision) {
    if (channels <= 0) throw new IllegalArgumentException("channels must be positive: " + channels);
    return channels;
  }

  @Override
  public void forward(DoubleLayer layer, double[] x, int xOff, int positions, double[] out, int outOff) {
    int window = layer.g().window();
    int step = layer.g().step();
    int os = layer.g().outStride();
    double[] w = layer.w();
    for (int q = 0; q < positions; q++) {
      int r = outOff + q * os;
      System.arraycopy(layer.b(), 0, out, r, os);
      int xo = xOff + q * step;
      for (int m = 0; m < window; m++) {
        double xm = x[xo + m];
        int wo = m * os;
        for (int o = 0; o < os; o++) out[r + o] += w[wo + o] * xm;
      }
      if (layer.f() == Nonlinearity.RELU) for (int o = 0; o < os; o++) out[r + o] = out[r + o] > 0 ? out[r + o] : 0.0;
      else for (int o = 0; o < os; o++) out[r + o] = Math.tanh(out[r + o]);
    }
  }

  @Override
  public void forward(FloatLayer layer, float[] x, int xOff, int positions, float[] out, int outOff) {
    int window = layer.g().window();
    int step = layer.g().step();
    int os = layer.g().outStride();
    float[] w = layer.w();
    for (int q = 0; q < positions; q++) {
      int r = outOff + q * os;
      System.arraycopy(layer.b(), 0, out, r, os);
      int xo = xOff + q * step;
      for (int m = 0; m < window; m++) {
        float xm = x[xo + m];
        int wo = m * os;
        for (int o = 0; o < os; o++) out[r + o] += w[wo + o] * xm;
      }
      if (layer.f() == Nonlinearity.RELU) for (int o = 0; o < os; o++) out[r + o] = out[r + o] > 0 ? out[r + o] : 0f;
      else for (int o = 0; o < os; o++) out[r + o] = (float) Math.tanh(out[r + o]);
    }
  }

  @Override
  public void weightGradients(FloatLayer layer, float[] x, int xOff, float[] dz, int dzOff, int positions, float[] grad, int gOff) {
    int window = layer.g().window();
    int step = layer.g().step();
    int os = layer.g().outStride();
    int gb = gOff + window * os;
    for (int q = 0; q < positions; q++) {
      int d = dzOff + q * os;
      int xo = xOff + q * step;
      for (int o = 0; o < os; o++) grad[gb + o] += dz[d + o];
      for (int m = 0; m < window; m++) {
        float xm = x[xo + m];
        int go = gOff + m * os;
        for (int o = 0; o < os; o++) grad[go + o] += xm * dz[d + o];
      }
    }
  }

  @Override
  public void inputGradients(FloatLayer layer, float[] dz, int dzOff, int positions, float[] dx, int dxOff) {
    int window = layer.g().window();
    int step = layer.g().step();
    int os = layer.g().outStride();
    int out = layer.g().out();
    float[] wt = layer.wt();
    for (int q = 0; q < positions; q++) {
      int d = dzOff + q * os;
      int xo = dxOff + q * step;
      for (int o = 0; o < out; o++) {
        float g = dz[d + o];
        int wo = o * window;
        for (int m = 0; m < window; m++) dx[xo + m] += wt[wo + m] * g;
      }
    }
  }

  @Override
  public void multiplyByDerivative(Nonlinearity f, float[] a, int aOff, float[] d, int dOff, int n) {
    if (f == Nonlinearity.RELU) {
      for (int i = 0; i < n; i++) d[dOff + i] = a[aOff + i] > 0 ? d[dOff + i] : 0f;
    } else {
      for (int i = 0; i < n; i++) {
        float v = a[aOff + i];
        d[dOff + i] *= 1f - v * v;
      }
    }
  }
}
