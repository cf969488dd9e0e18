/**
 * Numeric kernels on primitive arrays, in a plain-Java and a Vector API implementation chosen once at start-up
 * (Lucene style): the MLP's dense kernels ({@link org.distinct.tensor.DenseKernelsProvider}), the Elman RNN's
 * ({@link org.distinct.tensor.RnnKernelsProvider}; bit-identical in both implementations, switched at start-up), the
 * pruning's Gram matrices ({@link org.distinct.tensor.GramKernelsProvider}; bit-identical, chosen by problem size), fast
 * activation functions and packing of padded layouts.
 */
package org.distinct.tensor;
