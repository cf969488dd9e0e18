package org.distinct.report;

import java.util.Objects;

/**
 * A table column.
 *
 * @param key machine name used in JSON (letters, digits, '_' ; unique within a table)
 * @param label human-readable header used in CSV, Markdown and HTML
 * @param format default format of the column's floating-point cells
 */
public record Column(String key, String label, Format format) {

  /** Checks the key. */
  public Column {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(format, "format");
    if (!key.matches("[A-Za-z0-9_]+"))
      throw new IllegalArgumentException("column key must use letters, digits and '_': '" + key + "'");
  }
}
