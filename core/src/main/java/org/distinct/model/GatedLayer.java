package org.distinct.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One layer of an LSTM or GRU in PyTorch's layout: {@code G} gate blocks of {@code H} rows each, in the cell's
 * gate order ({@link GatedCell}). All matrices are row-major; row {@code k·H + u} is unit u's row in gate block
 * k. The two biases are kept apart as PyTorch keeps them (the GRU needs {@code b_hn} inside the reset product).
 *
 * <p>Immutable by convention: the arrays are the layer's storage; treat them as read-only.
 *
 * @param cell LSTM or GRU
 * @param inputSize inputs per step {@code in} (the previous layer's hidden size, or the data's channels)
 * @param hiddenSize hidden units H
 * @param wIh input weights {@code [G·H × in]} (PyTorch {@code weight_ih_l<k>})
 * @param wHh recurrent weights {@code [G·H × H]} (PyTorch {@code weight_hh_l<k>})
 * @param bIh input biases {@code [G·H]} (PyTorch {@code bias_ih_l<k>})
 * @param bHh recurrent biases {@code [G·H]} (PyTorch {@code bias_hh_l<k>})
 */
public record GatedLayer(GatedCell cell, int inputSize, int hiddenSize, double[] wIh, double[] wHh, double[] bIh, double[] bHh) {

  /** Checks sizes and array lengths. */
  public GatedLayer {
    if (cell == null) throw new IllegalArgumentException("cell is null");
    if (inputSize < 1 || hiddenSize < 1)
      throw new IllegalArgumentException("layer sizes must be positive: " + inputSize + " inputs, " + hiddenSize + " units");
    int g = cell.gates() * hiddenSize;
    check("wIh", wIh, g * inputSize);
    check("wHh", wHh, g * hiddenSize);
    check("bIh", bIh, g);
    check("bHh", bHh, g);
  }

  private static void check(String name, double[] a, int expected) {
    if (a == null) throw new IllegalArgumentException(name + " is null");
    if (a.length != expected) throw new IllegalArgumentException(name + " has " + a.length + " values, expected " + expected);
  }

  /**
   * A layer initialised like PyTorch: every weight and bias uniform in {@code [−1/√H, 1/√H]}, drawn in the order
   * {@code wIh, wHh, bIh, bHh}, each row-major.
   *
   * @param cell LSTM or GRU
   * @param inputSize inputs per step
   * @param hiddenSize hidden units
   * @param rng randomness (Modified: advanced)
   * @return the layer
   */
  public static GatedLayer initialize(GatedCell cell, int inputSize, int hiddenSize, SplittableRandom rng) {
    double k = 1.0 / Math.sqrt(hiddenSize);
    int g = cell.gates() * hiddenSize;
    return new GatedLayer(cell, inputSize, hiddenSize, uniform(g * inputSize, k, rng), uniform(g * hiddenSize, k, rng),
        uniform(g, k, rng), uniform(g, k, rng));
  }

  static double[] uniform(int n, double bound, SplittableRandom rng) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = rng.nextDouble(-bound, bound);
    return a;
  }

  /** @return the number of gate blocks G */
  public int gates() {
    return cell.gates();
  }

  /** @return {@code G·H·(in + H + 2)} */
  public int parameterCount() {
    return gates() * hiddenSize * (inputSize + hiddenSize + 2);
  }

  /** @return a deep copy */
  public GatedLayer copy() {
    return new GatedLayer(cell, inputSize, hiddenSize, wIh.clone(), wHh.clone(), bIh.clone(), bHh.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatedLayer l && l.cell == cell && l.inputSize == inputSize && l.hiddenSize == hiddenSize
        && Arrays.equals(l.wIh, wIh) && Arrays.equals(l.wHh, wHh) && Arrays.equals(l.bIh, bIh) && Arrays.equals(l.bHh, bHh);
  }

  @Override
  public int hashCode() {
    int h = cell.hashCode() * 31 + Arrays.hashCode(wIh);
    h = 31 * h + Arrays.hashCode(wHh);
    h = 31 * h + Arrays.hashCode(bIh);
    return 31 * h + Arrays.hashCode(bHh);
  }

  @Override
  public String toString() {
    return cell.kind() + " layer " + inputSize + "->" + hiddenSize;
  }
}
