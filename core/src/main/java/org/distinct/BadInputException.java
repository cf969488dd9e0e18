package org.distinct;

/**
 * Bad input from the user: a file, a value or an option that distinct cannot accept.
 *
 * <p>The message is one line that names the file, the row/column where known, and what is wrong. The
 * command line turns it into exit code 2 without a stack trace (unless {@code --verbose}).
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message one line naming the file, row/column and what is wrong */
  public BadInputException(String message) {
    super(message);
  }

  /**
   * @param message one line naming the file, row/column and what is wrong
   * @param cause the underlying error, shown only with {@code --verbose}
   */
  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Builds the standard message {@code FILE: row R, column 'C': WHAT}.
   *
   * @param file the file name (or any source description)
   * @param row 1-based row as a spreadsheet shows it, or {@code <= 0} if not applicable
   * @param column the column name or letter, or {@code null}
   * @param what what is wrong
   * @return the exception
   */
  public static BadInputException at(String file, int row, String column, String what) {
    StringBuilder sb = new StringBuilder(file);
    if (row > 0) sb.append(": row ").append(row);
    if (column != null) sb.append(row > 0 ? ", " : ": ").append("column '").append(column).append('\'');
    sb.append(": ").append(what);
    return new BadInputException(sb.toString());
  }
}
