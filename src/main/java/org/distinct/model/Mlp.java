package org.distinct.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron: hidden {@link DenseLayer}s with a sigmoid/tanh/ReLU activation, then a linear
 * output layer whose outputs are the logits of a softmax classifier.
 *
 * <p>Immutable by convention: trainers and pruners return new instances and never change an existing one.
 * Precision: double throughout. The MLP is small enough (25-30-3) that double kernels meet the speed
 * target, and double keeps pruning surgery exact to 1e-12 and gradient checks meaningful.
 */
public final class Mlp implements Network {
  /** The kind name of MLPs in model files. */
  public static final String KIND = "mlp";

  private final DenseLayer[] layers; // hidden layers..., output layer (IDENTITY)

  /**
   * @param layers hidden layers followed by the output layer; consecutive shapes must chain and the last
   *     layer must use {@link Activation#IDENTITY}
   */
  public Mlp(List<DenseLayer> layers) {
    if (layers.isEmpty()) throw new IllegalArgumentException("an MLP needs at least an output layer");
    this.layers = layers.toArray(new DenseLayer[0]);
    for (int l = 1; l < this.layers.length; l++)
      if (this.layers[l].in() != this.layers[l - 1].out())
        throw new IllegalArgumentException(
            "layer " + l + " expects " + this.layers[l].in() + " inputs but layer " + (l - 1) + " has "
                + this.layers[l - 1].out() + " units");
    if (this.layers[this.layers.length - 1].activation() != Activation.IDENTITY)
      throw new IllegalArgumentException("the output layer must be linear (logits)");
  }

  /**
   * A randomly initialised MLP ({@link DenseLayer#initialize}).
   *
   * @param inputs number of input features
   * @param hidden sizes of the hidden layers (may be empty: a softmax regression)
   * @param classes number of classes
   * @param activation activation of every hidden layer
   * @param rng source of randomness (Modified: one split per layer)
   * @return the new model
   */
  public static Mlp initialize(int inputs, int[] hidden, int classes, Activation activation, SplittableRandom rng) {
    List<DenseLayer> ls = new ArrayList<>();
    int in = inputs;
    for (int h : hidden) {
      ls.add(DenseLayer.initialize(in, h, activation, rng.split()));
      in = h;
    }
    ls.add(DenseLayer.initialize(in, classes, Activation.IDENTITY, rng.split()));
    return new Mlp(ls);
  }

  /** @return {@value #KIND} */
  @Override
  public String kind() {
    return KIND;
  }

  /** @return the layers (hidden..., output), unmodifiable */
  public List<DenseLayer> layers() {
    return List.of(layers);
  }

  /** @return layer {@code l} (0-based; the last is the output layer) */
  public DenseLayer layer(int l) {
    return layers[l];
  }

  /** @return number of layers including the output layer */
  public int layerCount() {
    return layers.length;
  }

  /** @return number of hidden layers */
  public int hiddenLayerCount() {
    return layers.length - 1;
  }

  /** @return number of input features */
  @Override
  public int inputSize() {
    return layers[0].in();
  }

  /** @return number of classes (output units) */
  @Override
  public int numClasses() {
    return layers[layers.length - 1].out();
  }

  /** @return the sizes of all layers, inputs first, e.g. {@code [25, 30, 3]} */
  public int[] sizes() {
    int[] s = new int[layers.length + 1];
    s[0] = inputSize();
    for (int l = 0; l < layers.length; l++) s[l + 1] = layers[l].out();
    return s;
  }

  /** @return total number of trainable parameters */
  public int parameterCount() {
    int p = 0;
    for (DenseLayer d : layers) p += d.parameterCount();
    return p;
  }

  /**
   * Computes the logits.
   *
   * @param x inputs row-major {@code [n × inputSize]} (Not modified)
   * @param n number of rows
   * @return logits row-major {@code [n × numClasses]}
   */
  public double[] logits(double[] x, int n) {
    double[] cur = x;
    for (DenseLayer d : layers) {
      double[] next = new double[n * d.out()];
      d.forward(cur, n, next);
      cur = next;
    }
    return cur;
  }

  /**
   * Computes the activations of one layer (hidden layer {@code l}, or the logits for the last layer).
   *
   * @param layer 0-based layer index
   * @param x inputs row-major {@code [n × inputSize]} (Not modified)
   * @param n number of rows
   * @return activations row-major {@code [n × layer(l).out()]}
   */
  public double[] activations(int layer, double[] x, int n) {
    double[] cur = x;
    for (int l = 0; l <= layer; l++) {
      double[] next = new double[n * layers[l].out()];
      layers[l].forward(cur, n, next);
      cur = next;
    }
    return cur;
  }

  /**
   * Predicts the class of each row (arg-max of the logits; ties go to the lower index).
   *
   * @param x inputs row-major {@code [n × inputSize]} (Not modified)
   * @param n number of rows
   * @return class index per row
   */
  public int[] predict(double[] x, int n) {
    return argmaxRows(logits(x, n), n, numClasses());
  }

  /**
   * Arg-max of each row of a row-major matrix (ties go to the lower index).
   *
   * @param m row-major {@code [n × c]} (Not modified)
   * @param n rows
   * @param c columns
   * @return the arg-max per row
   */
  public static int[] argmaxRows(double[] m, int n, int c) {
    int[] p = new int[n];
    for (int r = 0; r < n; r++) {
      int best = 0;
      double bv = m[r * c];
      for (int k = 1; k < c; k++)
        if (m[r * c + k] > bv) {
          bv = m[r * c + k];
          best = k;
        }
      p[r] = best;
    }
    return p;
  }

  /** @return a deep copy */
  public Mlp copy() {
    List<DenseLayer> ls = new ArrayList<>();
    for (DenseLayer d : layers) ls.add(d.copy());
    return new Mlp(ls);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mlp m && Arrays.equals(m.layers, layers);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(layers);
  }

  @Override
  public String toString() {
    return "Mlp" + Arrays.toString(sizes());
  }
}
