package org.distinct.cli;

import java.util.Iterator;
import java.util.Locale;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --model KIND}: a model family from the registry, the kinds listed in {@code --help}. */
final class FamilyOption {
  private FamilyOption() {}

  /** Converts a kind name to its family. */
  static final class Converter implements ITypeConverter<ModelFamily<?, ?, ?, ?>> {
    @Override
    public ModelFamily<?, ?, ?, ?> convert(String value) {
      String k = value.trim().toLowerCase(Locale.ROOT);
      if (!Families.has(k)) throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", Families.kinds()));
      return Families.get(k);
    }
  }

  /** The kinds, for {@code completionCandidates}. */
  static final class Kinds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Families.kinds().iterator();
    }
  }
}
