package org.distinct.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Mustache templates under {@code org/distinct/report/} on the class path (package-private). */
final class Templates {
  private static final MustacheFactory FACTORY = new DefaultMustacheFactory("org/distinct/report");

  private Templates() {}

  /**
   * Renders a template with HTML escaping of {@code {{...}}} values.
   *
   * @param name template file name, e.g. {@code "index.mustache"}
   * @param scope the view model (maps, lists, strings, booleans)
   * @return the rendered text
   */
  static String render(String name, Object scope) {
    Mustache m = FACTORY.compile(name);
    StringWriter w = new StringWriter();
    try {
      m.execute(w, scope).flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
