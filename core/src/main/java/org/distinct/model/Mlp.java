package org.distinct.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.tensor.DenseKernels;
import org.distinct.tensor.DenseKernelsProvider;
import org.distinct.util.Rows;

/**
 * A multilayer perceptron: hidden {@link DenseLayer}s with a sigmoid/tanh/ReLU activation, then a linear
 * output layer whose outputs are the logits of a softmax classifier.
 *
 * <p>Immutable by convention: trainers and pruners return new instances and never change an existing one.
 * Precision: double throughout. The MLP is small enough (25-30-3) that double kernels meet the speed
 * target, and double keeps pruning surgery exact to 1e-12 and gradient checks meaningful.
 */
public final class Mlp implements Network<Dataset> {
  /** The kind name of MLPs in model files. */
  public static final String KIND = "mlp";

  private final DenseLayer[] layers; // hidden layers..., output layer (IDENTITY)
  private volatile double[][] paddedWeights; // lazily built kernel layout, see padded()

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
  @Override
  public int parameterCount() {
    int p = 0;
    for (DenseLayer d : layers) p += d.parameterCount();
    return p;
  }

  /**
   * Computes the logits of every row of a data set.
   *
   * @param data rows with {@link #inputSize()} features (Not modified)
   * @return logits row-major {@code [rows × numClasses]}
   */
  @Override
  public double[] logits(Dataset data) {
    return logits(data.x(), data.rows());
  }

  /**
   * Computes the logits.
   *
   * @param x inputs row-major {@code [n × inputSize]} (Not modified)
   * @param n number of rows
   * @return logits row-major {@code [n × numClasses]}
   */
  public double[] logits(double[] x, int n) {
    return activations(layers.length - 1, x, n);
  }

  /**
   * Computes the activations of one layer (hidden layer {@code l}, or the logits for the last layer).
   *
   * <p>Runs on the same dense kernels as training ({@link DenseKernelsProvider}: Vector API when present),
   * which give bit-identical results to {@link DenseLayer#forward} (same summation order).
   *
   * @param layer 0-based layer index
   * @param x inputs row-major {@code [n × inputSize]} (Not modified)
   * @param n number of rows
   * @return activations row-major {@code [n × layer(l).out()]}
   */
  public double[] activations(int layer, double[] x, int n) {
    if (layer < 0 || layer >= layers.length) throw new IllegalArgumentException("layer " + layer + " of " + layers.length);
    if (x.length < n * inputSize()) throw new IllegalArgumentException("x has " + x.length + " values, expected " + n + "x" + inputSize());
    if (n == 0) return new double[0];
    DenseKernels k = DenseKernelsProvider.forInference();
    double[][] pw = padded();
    double[] cur = x;
    int stride = inputSize();
    for (int l = 0; l <= layer; l++) {
      DenseLayer d = layers[l];
      int outP = DenseKernels.pad(d.out());
      double[] y = new double[n * outP];
      k.affine(cur, 0, stride, n, d.in(), pw[2 * l], pw[2 * l + 1], outP, y);
      if (d.activation() == Activation.SIGMOID) k.sigmoid(y, n * outP);
      else d.activation().applyInPlace(y, 0, n * outP);
      cur = y;
      stride = outP;
    }
    int out = layers[layer].out();
    if (stride == out) return cur;
    double[] compact = new double[n * out];
    for (int r = 0; r < n; r++) System.arraycopy(cur, r * stride, compact, r * out, out);
    return compact;
  }

  /**
   * The kernels' weight layout, built once per model (the model never changes): per layer the transposed,
   * zero-padded weights {@code [in × pad(out)]} and the zero-padded biases {@code [pad(out)]}.
   */
  private double[][] padded() {
    double[][] p = paddedWeights;
    if (p != null) return p;
    p = new double[2 * layers.length][];
    for (int l = 0; l < layers.length; l++) {
      DenseLayer d = layers[l];
      int outP = DenseKernels.pad(d.out());
      double[] wt = new double[d.in() * outP];
      for (int o = 0; o < d.out(); o++) for (int i = 0; i < d.in(); i++) wt[i * outP + o] = d.w()[o * d.in() + i];
      p[2 * l] = wt;
      p[2 * l + 1] = Arrays.copyOf(d.b(), outP);
    }
    paddedWeights = p;
    return p;
  }

  /**
   * Predicts the class of each row (arg-max of the logits; ties go to the lower index).
   *
   * @param x inputs row-major {@code [n × inputSize]} (Not modified)
   * @param n number of rows
   * @return class index per row
   */
  public int[] predict(double[] x, int n) {
    return Rows.argmax(logits(x, n), n, numClasses());
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
