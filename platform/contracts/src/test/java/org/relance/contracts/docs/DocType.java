package org.relance.contracts.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relance.contracts.docs.SchemaFields.Shape;

/**
 * The type column of a field table in docs/events.md, read as a {@link Shape}. The grammar (also
 * stated in events.md, "Data conventions"): alternatives joined by {@code or}, each one of {@code
 * string}, {@code string (<refinement>)}, {@code integer} (a bound may follow, {@code integer ≥
 * 1}), {@code number}, {@code boolean}, {@code object}, {@code array of <kind>} (a bound may
 * follow), {@code enum: `A`, `B`} or {@code null}.
 */
final class DocType {

  private static final Pattern WORD = Pattern.compile("^([a-z]+)");
  private static final Pattern REFINEMENT = Pattern.compile("^string \\(([^)]*)\\)");
  private static final Set<String> KINDS =
      Set.of("string", "integer", "number", "boolean", "object", "array", "null");

  private DocType() {}

  /** The shape the text describes; throws {@link IllegalArgumentException} when unreadable. */
  static Shape parse(String text) {
    Set<String> kinds = new TreeSet<>();
    Set<String> values = new TreeSet<>();
    Set<String> itemKinds = new TreeSet<>();
    String refinement = null;
    for (String alternative : alternatives(text)) {
      if (alternative.startsWith("enum:")) {
        kinds.add("enum");
        values.addAll(Markdown.codeSpans(alternative));
        continue;
      }
      Matcher word = WORD.matcher(alternative);
      if (!word.find() || !KINDS.contains(word.group(1))) {
        throw new IllegalArgumentException("unreadable type '" + alternative + "'");
      }
      String kind = word.group(1);
      kinds.add(kind);
      if (kind.equals("string")) {
        Matcher r = REFINEMENT.matcher(alternative);
        if (r.find() && SchemaFields.REFINEMENTS.containsValue(r.group(1))) {
          refinement = r.group(1);
        }
      }
      if (kind.equals("array")) {
        Matcher of = Pattern.compile("^array of ([a-z]+)").matcher(alternative);
        if (!of.find() || !KINDS.contains(of.group(1))) {
          throw new IllegalArgumentException(
              "unreadable type '" + alternative + "': write 'array of <kind>'");
        }
        itemKinds.add(of.group(1));
      }
    }
    return new Shape(kinds, values, itemKinds, refinement);
  }

  /** The text split at each {@code " or "} outside parentheses and code spans. */
  private static List<String> alternatives(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean code = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '`') {
        code = !code;
      } else if (!code && c == '(') {
        depth++;
      } else if (!code && c == ')') {
        depth--;
      } else if (!code && depth == 0 && text.startsWith(" or ", i)) {
        parts.add(text.substring(start, i).trim());
        start = i + 4;
        i += 3;
      }
    }
    parts.add(text.substring(start).trim());
    return parts;
  }

  /** The shape as the docs would write it, for messages. */
  static String describe(Shape shape) {
    List<String> parts = new ArrayList<>();
    for (String kind : shape.kinds()) {
      switch (kind) {
        case "enum" -> parts.add("enum: " + String.join(", ", shape.enumValues()));
        case "string" ->
            parts.add(
                shape.refinement() == null ? "string" : "string (" + shape.refinement() + ")");
        case "array" -> parts.add("array of " + String.join("/", shape.itemKinds()));
        default -> parts.add(kind);
      }
    }
    return String.join(" or ", parts);
  }
}
