/**
 * Model families: the one plug-in contract every architecture implements ({@link org.distinct.family.ModelFamily}),
 * and the registry the command line, the study file and the report look families up in
 * ({@link org.distinct.family.Families}).
 *
 * <p>A family ties together what one architecture needs: its kind name and model-file codec, a trainer built from its
 * own configuration record with the paper's defaults, its pruning targets, the data it reads (a feature table or
 * sequences) with the preprocessing fitted on training data, and how a saved model is applied to new data. Layers
 * above ({@code study}, {@code report}, {@code cli}) see only this contract, never a concrete network class; layers
 * below ({@code model}, {@code train}, {@code prune}) know nothing of families.
 *
 * <p>Built in: {@link org.distinct.family.MlpFamily} ({@code mlp}, feature tables) and
 * {@link org.distinct.family.ElmanFamily} ({@code rnn}, sequences).
 */
package org.distinct.family;
