package org.distinct.study;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.distinct.BadInputException;
import org.distinct.family.ModelFamily;
import org.distinct.family.TrainSettings;

/** Checks shared by the model sections of a study file. */
final class Sections {
  private Sections() {}

  /**
   * Lets the family check the section's training settings, naming the section's key in the message
   * ({@code --activation: …} becomes {@code mlp.activation: …}).
   *
   * @param kind the section's key
   * @param family its family
   * @param settings the section's training settings
   */
  static void checkConfigures(String kind, ModelFamily<?, ?, ?, ?> family, TrainSettings settings) {
    try {
      family.configure(settings);
    } catch (BadInputException e) {
      String m = e.getMessage();
      throw new BadInputException(m.startsWith("--") ? kind + "." + m.substring(2) : kind + ": " + m, e);
    }
  }

  /**
   * Parses a study key's word into an enum constant: {@code most-frequent} is {@code MOST_FREQUENT}.
   *
   * @param <E> the enum
   * @param type the enum class
   * @param word the word (not null)
   * @param key the key, for messages
   * @return the constant
   * @throws BadInputException naming the key and the words it takes
   */
  static <E extends Enum<E>> E parseEnum(Class<E> type, String word, String key) {
    for (E e : type.getEnumConstants()) if (label(e).equals(word.trim().toLowerCase(Locale.ROOT))) return e;
    List<String> words = Arrays.stream(type.getEnumConstants()).map(Sections::label).toList();
    throw new BadInputException(key + ": expected " + String.join(", ", words) + ", got '" + word + "'");
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
