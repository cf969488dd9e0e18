package org.distinct.family;

import org.distinct.data.TableEncoder;

/**
 * How data are fitted to a saved model ({@link ModelFamily#prepare}) beyond what its file records.
 *
 * @param ignoreExtraColumns accept feature columns the model does not read (they are left out); otherwise they are
 *     refused, named
 * @param unknownCategories what a category the training rows lacked becomes, or null for what the model file
 *     records (refused unless training said otherwise)
 */
public record PrepareOptions(boolean ignoreExtraColumns, TableEncoder.UnknownCategories unknownCategories) {

  /** @return extra columns refused, unseen categories as recorded */
  public static PrepareOptions strict() {
    return new PrepareOptions(false, null);
  }
}
