package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The MLP's start-up kernels: plain until the switch, vector after it, and the switch invisible in the results (the
 * dense kernels are bit-identical, so a training step computed half before and half after the switch gives the bits
 * of either implementation alone).
 */
class SwitchingDenseKernelsTest {

  /** Kernels that only leave a mark: every output becomes {@code mark}. */
  private record Marking(double mark) implements DenseKernels {
    @Override
    public void affine(double[] x, int xOff, int xStride, int n, int in, double[] wt, double[] b, int outP, double[] y) {
      Arrays.fill(y, mark);
    }

    @Override
    public void outerGradients(double[] dy, int outP, int out, double[] x, int inP, int n, double[] dw, double[] db) {
      Arrays.fill(dw, mark);
      Arrays.fill(db, mark);
    }

    @Override
    public void multiply(double[] dy, int outP, int out, double[] w, int inP, int n, double[] dx) {
      Arrays.fill(dx, mark);
    }

    @Override
    public void sigmoid(double[] z, int len) {
      Arrays.fill(z, 0, len, mark);
    }

    @Override
    public String name() {
      return "marking " + mark;
    }
  }

  @Test
  void runsThePlainKernelsUntilTheSwitchAndTheVectorOnesAfter() {
    SwitchingDenseKernels k = new SwitchingDenseKernels(new Marking(1), new Marking(2));
    double[] y = new double[8];
    double[] dw = new double[8];
    double[] db = new double[8];
    double[] dx = new double[8];
    k.affine(y, 0, 8, 1, 1, y, y, 8, y);
    k.outerGradients(y, 8, 1, y, 8, 1, dw, db);
    k.multiply(y, 8, 1, y, 8, 1, dx);
    assertThat(List.of(y, dw, db, dx)).allSatisfy(a -> assertThat(a).containsOnly(1.0));
    assertThat(k.vectorActive()).isFalse();
    assertThat(k.name()).isEqualTo("marking 2.0 (plain until compiled)");
    k.useVectorForInference(); // affine and sigmoid switch, the training kernels stay plain
    k.affine(y, 0, 8, 1, 1, y, y, 8, y);
    double[] z = new double[8];
    k.sigmoid(z, 4);
    k.outerGradients(y, 8, 1, y, 8, 1, dw, db);
    k.multiply(y, 8, 1, y, 8, 1, dx);
    assertThat(y).containsOnly(2.0);
    assertThat(z).containsExactly(2, 2, 2, 2, 0, 0, 0, 0);
    assertThat(List.of(dw, db, dx)).allSatisfy(a -> assertThat(a).containsOnly(1.0));
    assertThat(k.inferenceVectorActive()).isTrue();
    assertThat(k.vectorActive()).isFalse();
    assertThat(k.name()).isEqualTo("marking 2.0 (training kernels plain until compiled)");
    k.useVector();
    k.affine(y, 0, 8, 1, 1, y, y, 8, y);
    k.outerGradients(y, 8, 1, y, 8, 1, dw, db);
    k.multiply(y, 8, 1, y, 8, 1, dx);
    k.sigmoid(y, 4);
    assertThat(List.of(y, dw, db, dx)).allSatisfy(a -> assertThat(a).containsOnly(2.0));
    assertThat(k.vectorActive()).isTrue();
    assertThat(k.name()).isEqualTo("marking 2.0");
  }

  @Test
  void callsTheDemandHookOnceWhenThePlainKernelsHaveDoneTheWork() {
    int[] calls = new int[1];
    // affine of 1 row, 3 inputs, 8 padded outputs: 24 multiply-adds; outerGradients and multiply of 1 row, 2 outputs
    // and 8 padded inputs: 16 each
    SwitchingDenseKernels k = new SwitchingDenseKernels(new Marking(1), new Marking(2), 100, () -> calls[0]++);
    double[] a = new double[8];
    k.affine(a, 0, 8, 1, 3, a, a, 8, a);
    k.outerGradients(a, 8, 2, a, 8, 1, a, a);
    k.multiply(a, 8, 2, a, 8, 1, a);
    k.sigmoid(a, 8); // not counted
    assertThat(calls[0]).isZero(); // 56
    k.affine(a, 0, 8, 1, 3, a, a, 8, a);
    assertThat(calls[0]).isZero(); // 80
    assertThat(k.demanded()).isFalse();
    k.multiply(a, 8, 2, a, 8, 1, a);
    k.multiply(a, 8, 2, a, 8, 1, a);
    assertThat(calls[0]).isEqualTo(1); // 112
    assertThat(k.demanded()).isTrue();
    for (int i = 0; i < 10; i++) k.affine(a, 0, 8, 1, 3, a, a, 8, a);
    assertThat(calls[0]).isEqualTo(1);
  }

  @Test
  void countsOnlyTheWorkOfThePlainKernels() {
    int[] calls = new int[1];
    SwitchingDenseKernels k = new SwitchingDenseKernels(new Marking(1), new Marking(2), 100, () -> calls[0]++);
    double[] a = new double[8];
    k.useVectorForInference();
    for (int i = 0; i < 10; i++) k.affine(a, 0, 8, 1, 3, a, a, 8, a); // vector: not counted
    assertThat(calls[0]).isZero();
    for (int i = 0; i < 6; i++) k.outerGradients(a, 8, 2, a, 8, 1, a, a); // plain: 96
    assertThat(calls[0]).isZero();
    k.useVector();
    for (int i = 0; i < 10; i++) k.outerGradients(a, 8, 2, a, 8, 1, a, a);
    assertThat(calls[0]).isZero();
  }

  /** One forward and backward step of a 25-30 sigmoid layer on 32 rows; returns dx, dw and db in one array. */
  private static double[] step(DenseKernels forward, DenseKernels backward) {
    SplittableRandom r = new SplittableRandom(7);
    int n = 32, in = 25, out = 30, inP = DenseKernels.pad(in), outP = DenseKernels.pad(out);
    double[] x = new double[n * inP];
    double[] wt = new double[in * outP];
    double[] w = new double[out * inP];
    double[] b = new double[outP];
    for (int row = 0; row < n; row++) for (int i = 0; i < in; i++) x[row * inP + i] = r.nextDouble(-1, 1);
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        wt[i * outP + o] = r.nextDouble(-1, 1);
        w[o * inP + i] = wt[i * outP + o];
      }
    }
    for (int o = 0; o < out; o++) b[o] = r.nextDouble(-1, 1);
    double[] y = new double[n * outP];
    double[] dw = new double[out * inP];
    double[] db = new double[outP];
    double[] dx = new double[n * inP];
    forward.affine(x, 0, inP, n, in, wt, b, outP, y);
    forward.sigmoid(y, n * outP);
    backward.outerGradients(y, outP, out, x, inP, n, dw, db);
    backward.multiply(y, outP, out, w, inP, n, dx);
    double[] all = new double[dx.length + dw.length + db.length];
    System.arraycopy(dx, 0, all, 0, dx.length);
    System.arraycopy(dw, 0, all, dx.length, dw.length);
    System.arraycopy(db, 0, all, dx.length + dw.length, db.length);
    return all;
  }

  @Test
  void aSwitchInTheMiddleOfAStepGivesTheSameBitsAsEitherImplementation() {
    DenseKernels plain = DenseKernelsProvider.plain();
    DenseKernels vector = DenseKernelsProvider.vectorized().orElseThrow();
    SwitchingDenseKernels before = new SwitchingDenseKernels(plain, vector);
    SwitchingDenseKernels after = new SwitchingDenseKernels(plain, vector);
    after.useVector();
    double[] mixed = step(before, after); // forward on the plain kernels, backward on the vector ones
    double[] allPlain = step(plain, plain);
    double[] allVector = step(vector, vector);
    assertThat(mixed).containsExactly(allPlain);
    assertThat(mixed).containsExactly(allVector);
    assertThat(Arrays.stream(mixed).filter(v -> v != 0).count()).isGreaterThan(mixed.length / 2);
  }
}
