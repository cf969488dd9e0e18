/**
 * Trained networks and their model files. Every network implements {@link org.distinct.model.Network} (logits of a
 * data set, parameter count, kind): {@link org.distinct.model.Mlp} of {@link org.distinct.model.DenseLayer}s, the
 * Elman {@link org.distinct.model.ElmanRnn}, and the gated {@link org.distinct.model.Lstm} and
 * {@link org.distinct.model.Gru} ({@link org.distinct.model.GatedRnn} of {@link org.distinct.model.GatedLayer}s),
 * all in PyTorch's parameter layout and in double. {@link org.distinct.model.ModelFile} writes and reads
 * {@link org.distinct.model.SavedModel}s (JSON, {@code docs/model-format.md}) through one
 * {@link org.distinct.model.NetworkCodec} per kind.
 */
package org.distinct.model;
