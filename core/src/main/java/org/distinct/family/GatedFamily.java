package org.distinct.family;

import java.util.Locale;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedRnn;
import org.distinct.prune.GatedTarget;
import org.distinct.prune.PruningTarget;
import org.distinct.train.GatedArchitecture;
import org.distinct.train.SequenceArchitecture;

/**
 * The gated recurrent classifiers (kinds {@code lstm} and {@code gru}): PyTorch's {@code nn.LSTM} / {@code nn.GRU}
 * (one or more stacked layers) with a linear read-out of the last layer's last hidden state, trained as the paper's
 * RNN (the same defaults and protocol) and pruned per layer, structurally (a smaller network, {@code GatedSurgery}) or
 * by the paper's mask.
 */
public final class GatedFamily extends RecurrentFamily<GatedRnn> {
  private final GatedCell cell;

  /** @param cell LSTM or GRU */
  public GatedFamily(GatedCell cell) {
    if (cell == null) throw new IllegalArgumentException("cell is required");
    this.cell = cell;
  }

  /** @return the LSTM family */
  public static GatedFamily lstm() {
    return new GatedFamily(GatedCell.LSTM);
  }

  /** @return the GRU family */
  public static GatedFamily gru() {
    return new GatedFamily(GatedCell.GRU);
  }

  @Override
  public String kind() {
    return cell.kind();
  }

  @Override
  public String displayName() {
    return cell.name();
  }

  @Override
  public String description() {
    return cell == GatedCell.LSTM
        ? "many-to-one LSTM on sequences (PyTorch's nn.LSTM, gates i f g o, stacked layers), linear read-out of the last step"
        : "many-to-one GRU on sequences (PyTorch's nn.GRU, gates r z n, stacked layers), linear read-out of the last step";
  }

  @Override
  public Class<GatedRnn> modelType() {
    return GatedRnn.class;
  }

  @Override
  protected SequenceArchitecture<GatedRnn> architecture() {
    return GatedArchitecture.of(cell);
  }

  @Override
  protected boolean stacks() {
    return true;
  }

  @Override
  public String describe(GatedRnn m) {
    StringBuilder s = new StringBuilder(displayName()).append(' ');
    int[] sizes = m.sizes();
    for (int i = 0; i < sizes.length; i++) s.append(i == 0 ? "" : "-").append(sizes[i]);
    return s.toString();
  }

  @Override
  public PruningTarget<GatedRnn, SequenceDataset> target(GatedRnn model, TargetSpec spec) {
    if (spec.layer() < 0 || spec.layer() >= model.layerCount())
      throw new BadInputException("--layer " + spec.layer() + ": the model " + describe(model) + " has recurrent layers 0 to "
          + (model.layerCount() - 1));
    return new GatedTarget(spec.layer(), spec.mode(), spec.lastStepOnly());
  }

  @Override
  public String toString() {
    return "GatedFamily[" + cell.name().toLowerCase(Locale.ROOT) + "]";
  }
}
