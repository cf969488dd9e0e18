package org.distinct.train;

/**
 * A range of a flat parameter buffer whose optimizer update is multiplied by a factor. The Elman RNN stores its
 * hidden bias once, {@code b = b_ih + b_hh}, for PyTorch's two biases that always receive the same gradient and
 * hence move by the same update each: its range has factor 2, so that training follows {@code nn.RNN}'s path.
 *
 * @param offset first element of the range
 * @param length number of elements
 * @param factor multiplier of the update (finite, not 0)
 */
public record UpdateScale(int offset, int length, double factor) {
  /** Validates the range and factor. */
  public UpdateScale {
    if (offset < 0 || length < 0) throw new IllegalArgumentException("bad range " + offset + "+" + length);
    if (!Double.isFinite(factor) || factor == 0) throw new IllegalArgumentException("factor must be finite and non-zero: " + factor);
  }
}
