package org.distinct.cli;

import org.distinct.prune.Centring;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --center}: a number, {@code none}, {@code midrange} or {@code natural} ({@link Centring#parse}). */
final class CentringOption implements ITypeConverter<Centring> {
  @Override
  public Centring convert(String value) {
    try {
      return Centring.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
