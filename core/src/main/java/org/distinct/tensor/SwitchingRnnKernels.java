package org.distinct.tensor;

/**
 * {@link RnnKernels} that run the plain implementation until {@link #useVector()} is called, then the Vector API one.
 * The plain kernels mirror the vector ones bit for bit and use the same padded layout ({@link PlainRnnKernels}), so
 * switching at any moment, even between the forward and the backward pass of a sequence in another thread, changes
 * only speed. Every call reads the active implementation once, so one call runs entirely on one of them.
 */
final class SwitchingRnnKernels implements RnnKernels {
  private final RnnKernels plain;
  private final RnnKernels vector;
  private volatile RnnKernels active;

  /**
   * @param plain the plain kernels, used first
   * @param vector the vector kernels, used after {@link #useVector()}
   * @throws IllegalArgumentException if the two pad rows differently (buffers would not survive the switch)
   */
  SwitchingRnnKernels(RnnKernels plain, RnnKernels vector) {
    for (boolean dbl : new boolean[] {false, true})
      for (int h = 1; h <= 2 * vector.paddedSize(1, dbl); h++)
        if (plain.paddedSize(h, dbl) != vector.paddedSize(h, dbl))
          throw new IllegalArgumentException("plain and vector kernels pad " + h + (dbl ? " double" : " float")
              + " units differently: " + plain.paddedSize(h, dbl) + " vs " + vector.paddedSize(h, dbl));
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
  public String name() {
    return vector.name() + (vectorActive() ? "" : " (plain until compiled)");
  }

  @Override
  public int paddedSize(int hidden, boolean doublePrecision) {
    return vector.paddedSize(hidden, doublePrecision);
  }

  @Override
  public int forward(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] x, int xOff, int from, int to, double[] states, boolean keepAll) {
    return active.forward(wIhT, wHhT, b, in, hidden, hp, x, xOff, from, to, states, keepAll);
  }

  @Override
  public int forward2(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] xa, int xaOff, double[] sa, double[] xb, int xbOff, double[] sb, int from, int to, boolean keepAll) {
    return active.forward2(wIhT, wHhT, b, in, hidden, hp, xa, xaOff, sa, xb, xbOff, sb, from, to, keepAll);
  }

  @Override
  public void forward(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] x, int xOff, int from, int to, float[] states) {
    active.forward(wIhT, wHhT, b, in, hidden, hp, x, xOff, from, to, states);
  }

  @Override
  public void forward2(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] xa, int xaOff, float[] sa, float[] xb, int xbOff, float[] sb, int from, int to) {
    active.forward2(wIhT, wHhT, b, in, hidden, hp, xa, xaOff, sa, xb, xbOff, sb, from, to);
  }

  @Override
  public void backward(float[] wHh, int hidden, int hp, float[] states, float[] g, float[] deltas, int hi, int lo) {
    active.backward(wHh, hidden, hp, states, g, deltas, hi, lo);
  }

  @Override
  public void backward2(
      float[] wHh, int hidden, int hp, float[] sa, float[] ga, float[] da, int hiA,
      float[] sb, float[] gb, float[] db, int hiB, int count) {
    active.backward2(wHh, hidden, hp, sa, ga, da, hiA, sb, gb, db, hiB, count);
  }

  @Override
  public void accumulateGradients(
      float[] states, float[] deltas, float[] x, int xOff, int in, int hidden, int hp, int from, int steps,
      float[] gWihT, float[] gWhhT, float[] gb) {
    active.accumulateGradients(states, deltas, x, xOff, in, hidden, hp, from, steps, gWihT, gWhhT, gb);
  }
}
