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

  /**
   * @param kind the section's key
   * @param criteria the section's criteria, or null for the study's
   * @throws BadInputException naming the key and the criteria that exist
   */
  static void checkCriteria(String kind, List<String> criteria) {
    if (criteria == null) return;
    for (String c : criteria)
      if (!StudyConfig.PruningSection.KNOWN.contains(c))
        throw new BadInputException(kind + ".criteria: unknown criterion '" + c + "' (known: " + String.join(", ", StudyConfig.PruningSection.KNOWN) + ")");
  }

  /**
   * @param kind the section's key
   * @param layers the layers to sweep
   * @param hidden the number of hidden layers
   * @throws BadInputException naming the key when a layer does not exist, repeats, or none is given
   */
  static void checkLayers(String kind, List<Integer> layers, int hidden) {
    if (layers.isEmpty()) throw new BadInputException(kind + ".layers: the list is empty");
    for (Integer l : layers)
      if (l == null || l < 0 || l >= hidden)
        throw new BadInputException(kind + ".layers: layer " + l + " does not exist (the hidden layers are 0 to " + (hidden - 1) + ")");
    if (layers.stream().distinct().count() != layers.size()) throw new BadInputException(kind + ".layers: a layer is listed twice: " + layers);
  }
}
