package org.distinct.onnx;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/** Names and versions shared by the ONNX importer and exporter ({@code docs/onnx.md}). */
public final class OnnxFormat {
  /** The opset of exported graphs (default ONNX domain). */
  public static final int OPSET = 17;
  /** The IR version of exported graphs (the one that goes with opset 17; ONNX Runtime 1.29 reads it). */
  public static final int IR_VERSION = 8;
  /** The lowest opset the importer reads. */
  public static final int MIN_OPSET = 13;
  /** The highest opset the importer reads. */
  public static final int MAX_OPSET = 17;
  /** Name of the exported graph's input. */
  public static final String INPUT = "input";
  /** Name of the exported graph's output. */
  public static final String OUTPUT = "logits";
  /** Producer name written to exported files. */
  public static final String PRODUCER = "distinct";

  /** Metadata key: the model-file kind ({@code mlp}, {@code rnn}, {@code lstm}, {@code gru}, {@code conv1d}). */
  public static final String KEY_KIND = "distinct.kind";
  /** Metadata key: the input feature names, a JSON array of strings. */
  public static final String KEY_FEATURES = "distinct.featureNames";
  /** Metadata key: the class names in output order, a JSON array of strings. */
  public static final String KEY_CLASSES = "distinct.classNames";
  /** Metadata key: the scaler applied to raw inputs before the graph, a JSON object as in model files, or {@code null}. */
  public static final String KEY_SCALER = "distinct.scaler";
  /** Metadata key: the training configuration (with the series preprocessing), a JSON object as in model files. */
  public static final String KEY_TRAINING = "distinct.training";
  /** Metadata key: the training seed. */
  public static final String KEY_SEED = "distinct.seed";

  /** Every metadata key the exporter writes. */
  public static final List<String> KEYS = List.of(KEY_KIND, KEY_FEATURES, KEY_CLASSES, KEY_SCALER, KEY_TRAINING, KEY_SEED);

  /** What the importer reads, for refusal messages. */
  static final String SUPPORTED = "supported: MLPs (Gemm, or MatMul + Add, with Sigmoid/Tanh/Relu between them), RNN (tanh), LSTM and "
      + "GRU (linear_before_reset = 1, forward, one direction) read out by Gemm or MatMul + Add on the last step, Conv1D (Conv with "
      + "Relu/Tanh, then ReduceMean/ReduceMax over the length or GlobalAveragePool/GlobalMaxPool, then Gemm or MatMul + Add), and the "
      + "exporter glue (Constant, Shape, Gather, Unsqueeze, Concat, ConstantOfShape, Expand, Slice, Squeeze, Reshape, Flatten, "
      + "Transpose, Identity)";

  private OnnxFormat() {}

  /**
   * The Jackson mapper of the metadata values (JSON text in {@code metadata_props}), shared by the importer and the
   * exporter and built on first use: a file without metadata (a foreign graph) never loads Jackson. Reads as the model
   * files do ({@code ModelFile}): one value, nothing after it, no duplicate keys.
   */
  static final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();

    private Json() {}
  }
}
