package org.distinct.study;

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
  static void checkConfigures(String kind, ModelFamily<?, ?, ?> family, TrainSettings settings) {
    try {
      family.configure(settings);
    } catch (BadInputException e) {
      String m = e.getMessage();
      throw new BadInputException(m.startsWith("--") ? kind + "." + m.substring(2) : kind + ": " + m, e);
    }
  }
}
