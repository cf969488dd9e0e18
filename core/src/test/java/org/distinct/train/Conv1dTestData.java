package org.distinct.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;

/** Small random Conv1D builders and the parameter lists of a Conv1D, for the Conv1D tests (seeded, no literals). */
public final class Conv1dTestData {
  private Conv1dTestData() {}

  /**
   * A random network, every parameter uniform in {@code [−bound, bound]}.
   *
   * @param in input channels
   * @param channels output channels of each layer
   * @param classes classes
   * @param spec kernels, strides, paddings, activation, pooling
   * @param bound the range of the parameters
   * @param rng randomness (Modified)
   * @return the network
   */
  public static Conv1d random(int in, int[] channels, int classes, Conv1d.Spec spec, double bound, SplittableRandom rng) {
    List<Conv1dLayer> ls = new ArrayList<>();
    int n = in;
    for (int l = 0; l < channels.length; l++) {
      int k = spec.kernels()[l];
      ls.add(new Conv1dLayer(n, channels[l], k, spec.strides()[l], spec.paddings()[l], spec.activation(), uniform(channels[l] * n * k, bound, rng),
          uniform(channels[l], bound, rng)));
      n = channels[l];
    }
    return new Conv1d(ls, spec.pool(), uniform(classes * n, bound, rng), uniform(classes, bound, rng));
  }

  /**
   * @param act activation
   * @param pool pooling
   * @param kernels kernel sizes
   * @param strides strides
   * @param paddings paddings
   * @return the spec
   */
  public static Conv1d.Spec spec(Activation act, Conv1d.Pool pool, int[] kernels, int[] strides, int[] paddings) {
    return new Conv1d.Spec(kernels, strides, paddings, act, pool);
  }

  static double[] uniform(int n, double bound, SplittableRandom rng) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = rng.nextDouble(-bound, bound);
    return a;
  }

  /**
   * @param m a network
   * @return its parameter arrays (the model's storage), in the order layer 0 w, b, layer 1 w, b, …, wOut, bOut
   */
  public static List<double[]> params(Conv1d m) {
    List<double[]> p = new ArrayList<>();
    for (Conv1dLayer l : m.layers()) {
      p.add(l.w());
      p.add(l.b());
    }
    p.add(m.wOut());
    p.add(m.bOut());
    return p;
  }

  /**
   * @param g gradients
   * @return them in the order of {@link #params}
   */
  public static List<double[]> grads(Conv1dReference.Gradients g) {
    List<double[]> p = new ArrayList<>();
    for (int l = 0; l < g.w().size(); l++) {
      p.add(g.w().get(l));
      p.add(g.b().get(l));
    }
    p.add(g.wOut());
    p.add(g.bOut());
    return p;
  }

  /**
   * @param m a network
   * @return the names of {@link #params}, e.g. {@code layer 0 w}
   */
  public static List<String> names(Conv1d m) {
    List<String> n = new ArrayList<>();
    for (int l = 0; l < m.layerCount(); l++) {
      n.add("layer " + l + " w");
      n.add("layer " + l + " b");
    }
    n.add("wOut");
    n.add("bOut");
    return n;
  }
}
