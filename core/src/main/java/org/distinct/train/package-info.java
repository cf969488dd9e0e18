/**
 * Training: the one {@link org.distinct.train.Trainer} contract (train and fine-tune, one
 * {@link org.distinct.train.TrainResult}, one {@link org.distinct.train.EpochListener}), the one
 * {@link org.distinct.train.Optimizer} (Adam and SGD with PyTorch's arithmetic on a flat parameter buffer), the
 * softmax cross-entropy, the MLP trainer ({@link org.distinct.train.MlpTrainer} on an
 * {@link org.distinct.train.MlpWorkspace}) and the recurrent trainer ({@link org.distinct.train.SequenceTrainer}
 * driving a float {@link org.distinct.train.SequenceEngine} of its {@link org.distinct.train.SequenceArchitecture}),
 * with the double reference paths the tests check the fast ones against.
 */
package org.distinct.train;
