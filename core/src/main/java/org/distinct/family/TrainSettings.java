package org.distinct.family;

import java.util.List;

/**
 * Training settings as a user gives them (command-line options or study-file keys): every field may be null, meaning
 * "the family's default". A family turns them into its own configuration record
 * ({@link ModelFamily#configure}) and refuses, in one line naming the option, a setting it cannot use.
 *
 * @param hidden hidden layer sizes
 * @param activation hidden activation (sigmoid, tanh, relu)
 * @param optimizer optimizer (adam, sgd)
 * @param learningRate learning rate
 * @param momentum SGD momentum
 * @param batchSize mini-batch size
 * @param epochs epochs
 * @param patience early-stopping patience (0 = off)
 * @param clipNorm gradient-norm clipping (0 = off)
 * @param truncation truncated back-propagation through time (0 = full)
 * @param threads worker threads inside one training
 * @param kernel convolutional families: kernel size of each layer (one value for every layer, or one per layer)
 * @param stride convolutional families: stride of each layer (one value for every layer, or one per layer)
 * @param padding convolutional families: zero padding of each layer (one value for every layer, or one per layer)
 * @param pool convolutional families: global pooling over the positions ({@code avg}, {@code max})
 */
public record TrainSettings(
    List<Integer> hidden,
    String activation,
    String optimizer,
    Double learningRate,
    Double momentum,
    Integer batchSize,
    Integer epochs,
    Integer patience,
    Double clipNorm,
    Integer truncation,
    Integer threads,
    List<Integer> kernel,
    List<Integer> stride,
    List<Integer> padding,
    String pool) {

  /** Copies the lists. */
  public TrainSettings {
    hidden = hidden == null ? null : List.copyOf(hidden);
    kernel = kernel == null ? null : List.copyOf(kernel);
    stride = stride == null ? null : List.copyOf(stride);
    padding = padding == null ? null : List.copyOf(padding);
  }

  /**
   * Settings without the convolutional ones (kernel, stride, padding, pool: the family's defaults).
   *
   * @param hidden hidden layer sizes
   * @param activation hidden activation
   * @param optimizer optimizer
   * @param learningRate learning rate
   * @param momentum SGD momentum
   * @param batchSize mini-batch size
   * @param epochs epochs
   * @param patience early-stopping patience
   * @param clipNorm gradient-norm clipping
   * @param truncation truncated BPTT
   * @param threads worker threads
   */
  public TrainSettings(List<Integer> hidden, String activation, String optimizer, Double learningRate, Double momentum, Integer batchSize,
      Integer epochs, Integer patience, Double clipNorm, Integer truncation, Integer threads) {
    this(hidden, activation, optimizer, learningRate, momentum, batchSize, epochs, patience, clipNorm, truncation, threads, null, null, null,
        null);
  }

  /** @return no setting given: every field takes the family's default */
  public static TrainSettings none() {
    return new TrainSettings(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** @param t threads @return a copy with that thread count */
  public TrainSettings withThreads(Integer t) {
    return new TrainSettings(hidden, activation, optimizer, learningRate, momentum, batchSize, epochs, patience, clipNorm, truncation, t,
        kernel, stride, padding, pool);
  }

  /** @param e epochs @return a copy with that number of epochs */
  public TrainSettings withEpochs(Integer e) {
    return new TrainSettings(hidden, activation, optimizer, learningRate, momentum, batchSize, e, patience, clipNorm, truncation, threads,
        kernel, stride, padding, pool);
  }
}
