package org.distinct.family;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;

/**
 * The registry of model families, in the order they are listed and reported: the command line ({@code --model
 * KIND}), the study file (one section per kind) and the report look families up here. To add an architecture,
 * implement {@link ModelFamily} and add it to {@link #BUILT_IN}.
 */
public final class Families {
  private static final List<ModelFamily<?, ?, ?, ?>> BUILT_IN =
      List.of(new MlpFamily(), new ElmanFamily(), GatedFamily.lstm(), GatedFamily.gru(), new Conv1dFamily());
  private static final Map<String, ModelFamily<?, ?, ?, ?>> BY_KIND = index();

  private Families() {}

  private static Map<String, ModelFamily<?, ?, ?, ?>> index() {
    Map<String, ModelFamily<?, ?, ?, ?>> m = new LinkedHashMap<>();
    for (ModelFamily<?, ?, ?, ?> f : BUILT_IN)
      if (m.put(f.kind(), f) != null) throw new IllegalStateException("two families of kind " + f.kind());
    return m;
  }

  /** @return every family, in registry order */
  public static List<ModelFamily<?, ?, ?, ?>> all() {
    return BUILT_IN;
  }

  /** @return every kind name, in registry order */
  public static List<String> kinds() {
    return new ArrayList<>(BY_KIND.keySet());
  }

  /**
   * @param kind a kind name
   * @return whether a family of that kind exists
   */
  public static boolean has(String kind) {
    return BY_KIND.containsKey(kind);
  }

  /**
   * @param kind a kind name (e.g. from {@code --model} or a study section)
   * @return its family
   * @throws BadInputException naming the kind and the kinds that exist
   */
  public static ModelFamily<?, ?, ?, ?> get(String kind) {
    ModelFamily<?, ?, ?, ?> f = BY_KIND.get(kind);
    if (f == null) throw new BadInputException("unknown model kind '" + kind + "' (known: " + String.join(", ", kinds()) + ")");
    return f;
  }

  /**
   * @param network a network
   * @return the family it belongs to
   * @throws IllegalArgumentException when no family has its type
   */
  public static ModelFamily<?, ?, ?, ?> of(Network<?> network) {
    for (ModelFamily<?, ?, ?, ?> f : BUILT_IN) if (f.kind().equals(network.kind()) && f.modelType().isInstance(network)) return f;
    throw new IllegalArgumentException("no model family for " + network.getClass().getSimpleName());
  }

  /**
   * @param saved a model file
   * @return the family of its network
   */
  public static ModelFamily<?, ?, ?, ?> of(SavedModel saved) {
    return of(saved.network());
  }
}
