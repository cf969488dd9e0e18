package org.distinct.family;

import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;
import org.distinct.prune.PruningTarget;
import org.distinct.prune.RnnTarget;
import org.distinct.train.ElmanArchitecture;
import org.distinct.train.SequenceArchitecture;

/**
 * The paper's many-to-one Elman RNN (kind {@code rnn}): one layer of tanh units, softmax on the last step; pruned
 * structurally (a smaller RNN) or by the paper's mask.
 */
public final class ElmanFamily extends RecurrentFamily<ElmanRnn> {
  /** The family's kind name. */
  public static final String KIND = ElmanRnn.KIND;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String displayName() {
    return "RNN";
  }

  @Override
  public String description() {
    return "many-to-one Elman RNN on sequences (one tanh layer, softmax on the last step), as in the paper";
  }

  @Override
  public Class<ElmanRnn> modelType() {
    return ElmanRnn.class;
  }

  @Override
  protected SequenceArchitecture<ElmanRnn> architecture() {
    return new ElmanArchitecture();
  }

  @Override
  protected boolean stacks() {
    return false;
  }

  @Override
  public String describe(ElmanRnn m) {
    return "RNN " + m.inputSize() + "-" + m.hiddenSize() + "-" + m.numClasses() + " tanh";
  }

  @Override
  public PruningTarget<ElmanRnn, SequenceDataset> target(ElmanRnn model, TargetSpec spec) {
    if (spec.layer() != 0) throw new BadInputException("--layer " + spec.layer() + ": an Elman RNN has one hidden layer (0)");
    return new RnnTarget(spec.mode(), spec.lastStepOnly());
  }
}
