/**
 * ONNX in and out: {@link org.distinct.onnx.OnnxImporter} reads the graphs that {@code torch.onnx.export} (and other
 * exporters using the same operators) writes for MLPs, Elman RNNs, LSTMs, GRUs and Conv1D networks into a {@link
 * org.distinct.model.SavedModel}; {@link org.distinct.onnx.OnnxExporter} writes a saved model as a standard opset-17
 * graph; {@link org.distinct.onnx.Models} picks the format by file extension. Uses the generated ONNX protobuf classes
 * ({@code ai.onnx.proto.OnnxMl} of {@code org.tribuo:tribuo-util-onnx}, with {@code protobuf-java}) and Jackson for the
 * metadata values; the format choices are documented in {@code docs/onnx.md}.
 *
 * <p>Below the model families: imports {@code model}, {@code data} and {@code util} only.
 */
package org.distinct.onnx;
