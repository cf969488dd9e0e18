package org.distinct.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesOptions;
import org.distinct.data.TableEncoder;
import org.distinct.family.Protocol;
import org.distinct.model.Activation;
import org.distinct.prune.MergeRule;
import org.distinct.prune.PairOrder;
import org.distinct.prune.PatternSet;
import org.distinct.prune.RnnTarget;
import org.distinct.train.OptimizerConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Enum-typed options written as lower-case words ({@code per-sequence}, {@code fewest-partners}): one converter and
 * one list of candidates per enum, so that picocli checks the word, lists the choices in {@code --help} and suggests
 * the closest one.
 */
final class Words {
  private Words() {}

  /**
   * @param e an enum constant
   * @return its word: the name in lower case, {@code _} as {@code -}
   */
  static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Converts a word to an enum constant, naming the words that exist when it matches none. */
  abstract static class Converter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    Converter(Class<E> type) {
      this.type = type;
    }

    @Override
    public E convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      for (E e : type.getEnumConstants()) if (word(e).equals(v)) return e;
      throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", choices()));
    }

    /** @return the words a user may give, for the message */
    List<String> choices() {
      return words(type);
    }
  }

  /** The words of an enum, for {@code completionCandidates}. */
  abstract static class Candidates<E extends Enum<E>> implements Iterable<String> {
    private final Class<E> type;

    Candidates(Class<E> type) {
      this.type = type;
    }

    @Override
    public Iterator<String> iterator() {
      return words(type).iterator();
    }
  }

  static <E extends Enum<E>> List<String> words(Class<E> type) {
    List<String> w = new ArrayList<>();
    for (E e : type.getEnumConstants()) w.add(word(e));
    return w;
  }

  static final class ScalingConverter extends Converter<SequenceScaling.Mode> {
    ScalingConverter() {
      super(SequenceScaling.Mode.class);
    }
  }

  static final class ScalingWords extends Candidates<SequenceScaling.Mode> {
    ScalingWords() {
      super(SequenceScaling.Mode.class);
    }
  }

  static final class SplitConverter extends Converter<Protocol.Split> {
    SplitConverter() {
      super(Protocol.Split.class);
    }
  }

  static final class SplitWords extends Candidates<Protocol.Split> {
    SplitWords() {
      super(Protocol.Split.class);
    }
  }

  static final class ModeConverter extends Converter<RnnTarget.Mode> {
    ModeConverter() {
      super(RnnTarget.Mode.class);
    }
  }

  static final class ModeWords extends Candidates<RnnTarget.Mode> {
    ModeWords() {
      super(RnnTarget.Mode.class);
    }
  }

  static final class MergeConverter extends Converter<MergeRule> {
    MergeConverter() {
      super(MergeRule.class);
    }

    @Override
    public MergeRule convert(String value) {
      return value.trim().equalsIgnoreCase("add") ? MergeRule.PLAIN : super.convert(value);
    }

    @Override
    List<String> choices() {
      return List.of("add", "regress");
    }
  }

  static final class MergeWords implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("add", "regress").iterator();
    }
  }

  static final class OrderConverter extends Converter<PairOrder> {
    OrderConverter() {
      super(PairOrder.class);
    }
  }

  static final class OrderWords extends Candidates<PairOrder> {
    OrderWords() {
      super(PairOrder.class);
    }
  }

  static final class PatternsConverter extends Converter<PatternSet> {
    PatternsConverter() {
      super(PatternSet.class);
    }
  }

  static final class PatternsWords extends Candidates<PatternSet> {
    PatternsWords() {
      super(PatternSet.class);
    }
  }

  static final class OptimizerConverter extends Converter<OptimizerConfig.Kind> {
    OptimizerConverter() {
      super(OptimizerConfig.Kind.class);
    }
  }

  static final class OptimizerWords extends Candidates<OptimizerConfig.Kind> {
    OptimizerWords() {
      super(OptimizerConfig.Kind.class);
    }
  }

  /** Hidden activations: sigmoid, tanh, relu (not identity). */
  static final class ActivationConverter extends Converter<Activation> {
    ActivationConverter() {
      super(Activation.class);
    }

    @Override
    public Activation convert(String value) {
      Activation a = super.convert(value);
      if (a == Activation.IDENTITY) throw new TypeConversionException("'identity' is not a hidden activation (sigmoid, tanh, relu)");
      return a;
    }
  }

  static final class ActivationWords implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("sigmoid", "tanh", "relu").iterator();
    }
  }

  static final class ImputeConverter extends Converter<TableEncoder.Impute> {
    ImputeConverter() {
      super(TableEncoder.Impute.class);
    }
  }

  static final class ImputeWords extends Candidates<TableEncoder.Impute> {
    ImputeWords() {
      super(TableEncoder.Impute.class);
    }
  }

  static final class UnknownConverter extends Converter<TableEncoder.UnknownCategories> {
    UnknownConverter() {
      super(TableEncoder.UnknownCategories.class);
    }
  }

  static final class UnknownWords extends Candidates<TableEncoder.UnknownCategories> {
    UnknownWords() {
      super(TableEncoder.UnknownCategories.class);
    }
  }

  static final class LayoutConverter extends Converter<SeriesOptions.Layout> {
    LayoutConverter() {
      super(SeriesOptions.Layout.class);
    }
  }

  static final class LayoutWords extends Candidates<SeriesOptions.Layout> {
    LayoutWords() {
      super(SeriesOptions.Layout.class);
    }
  }
}
