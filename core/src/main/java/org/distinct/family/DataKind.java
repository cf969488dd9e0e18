package org.distinct.family;

/** Which data a model family reads. */
public enum DataKind {
  /** A feature table: one labelled row per pattern ({@code --data}). */
  TABLE("feature table", "--data"),
  /** Labelled sequences: one sequence per pattern ({@code --series}). */
  SERIES("series", "--series");

  private final String description;
  private final String option;

  DataKind(String description, String option) {
    this.description = description;
    this.option = option;
  }

  /** @return e.g. {@code feature table} */
  public String description() {
    return description;
  }

  /** @return the command-line option that names such data, e.g. {@code --data} */
  public String option() {
    return option;
  }
}
