package org.relance.contracts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.relance.contracts.EventType;
import org.relance.contracts.access.Subscriptions;
import org.relance.contracts.docs.SchemaFields.Field;
import org.relance.contracts.docs.SchemaFields.Shape;
import org.relance.contracts.personal.PersonalFields;

/**
 * docs/events.md cannot drift from the catalogue: every event type has its section, and the field
 * table of each section lists exactly the fields of the type's JSON Schema (the source of truth),
 * nested ones included, with the schema's requiredness and type; the topic, producer and consumers
 * it states are those of {@link EventType} and {@link Subscriptions}.
 *
 * <p>The table format: {@code | field | type | required | meaning |}, one field per row, written
 * {@code `name`}, {@code `parent.child`} for a field of a nested object, {@code `parent[].child`}
 * for a field of the objects of an array; required is {@code yes} or {@code no} (within the object
 * that holds the field); the type as {@link DocType} reads it. A row of an object field whose
 * meaning links to another section's table of {@code `field.…`} rows (the debtor object) takes its
 * nested fields from there.
 *
 * <p>For a type with personal fields, the table lists the data as a reader sees it once opened (the
 * fields of version 1 and the {@code personal} block of version 2, see {@link SchemaFields#of}),
 * and the row of each personal field says {@value #PERSONAL_MARK}; the section names the current
 * {@code dataschema} (v2) and links its schema file.
 */
class EventCatalogueDocTest {

  static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  static final Path EVENTS_MD = REPO.resolve("docs/events.md");
  static final List<String> FIELD_TABLE = List.of("field", "type", "required", "meaning");

  /** How a field table marks a personal field, in its meaning (see "Personal data" there). */
  static final String PERSONAL_MARK = "**Personal.**";

  private static final Pattern LINK = Pattern.compile("\\]\\(#([^)]+)\\)");
  private static final Pattern SERVICE =
      Pattern.compile(
          "\\b(" + String.join("|", Subscriptions.SERVICES).replace("-", "\\-") + ")\\b");

  private final Markdown doc = new Markdown(EVENTS_MD);

  @Test
  void every_event_type_has_a_section_and_there_is_none_for_an_unknown_type() {
    Set<String> documented =
        eventSections().keySet().stream().collect(Collectors.toCollection(TreeSet::new));
    Set<String> types =
        Arrays.stream(EventType.values())
            .map(EventType::typeName)
            .collect(Collectors.toCollection(TreeSet::new));

    Set<String> missing = new TreeSet<>(types);
    missing.removeAll(documented);
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(types);
    assertThat(missing)
        .as("event types without a '### <Type>' section under '## Events' in " + EVENTS_MD)
        .isEmpty();
    assertThat(unknown)
        .as("sections under '## Events' in " + EVENTS_MD + " that name no EventType")
        .isEmpty();
  }

  @Test
  void the_contents_link_every_event_section() {
    String text = String.join("\n", doc.lines());
    List<String> unlinked =
        Arrays.stream(EventType.values())
            .map(EventType::typeName)
            .filter(t -> !text.contains("[" + t + "](#" + Markdown.anchor(t) + ")"))
            .toList();
    assertThat(unlinked).as("event types the contents of events.md do not link").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void the_field_table_lists_exactly_the_fields_of_the_schema(EventType type) {
    Markdown.Section section = section(type);
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> rows = fieldRows(section, problems);
    Map<String, Field> schema = SchemaFields.of(type);

    for (Field field : schema.values()) {
      List<String> row = rows.get(field.path());
      if (row == null) {
        problems.add(
            "`"
                + field.path()
                + "` is in the schema ("
                + DocType.describe(field.shape())
                + ", required "
                + yesNo(field.required())
                + ") but not in the table");
        continue;
      }
      String required = row.get(2);
      if (!required.equals(yesNo(field.required()))) {
        problems.add(
            "`"
                + field.path()
                + "`: the schema says required "
                + yesNo(field.required())
                + ", the table says '"
                + required
                + "'");
      }
      Shape documented;
      try {
        documented = DocType.parse(row.get(1));
      } catch (IllegalArgumentException e) {
        problems.add("`" + field.path() + "`: " + e.getMessage());
        continue;
      }
      compare(field, documented, row.get(1), problems);
    }
    for (String path : rows.keySet()) {
      if (!schema.containsKey(path)) {
        problems.add("`" + path + "` is in the table but not in the schema");
      }
    }
    for (String personal : SchemaFields.personal(type)) {
      List<String> row = rows.get(personal);
      if (row != null && !row.get(3).contains(PERSONAL_MARK)) {
        problems.add(
            "`" + personal + "` is personal data: its meaning should say " + PERSONAL_MARK);
      }
    }
    assertThat(problems)
        .as(
            type.typeName()
                + ": the field table of docs/events.md (line "
                + section.line()
                + ") against "
                + type.schemaResource(EventType.FIRST_VERSION)
                + (PersonalFields.any(type)
                    ? " and the `personal` block of " + type.schemaResource(type.currentVersion())
                    : ""))
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void the_section_names_the_topic_schema_producer_and_consumers_of_the_catalogue(EventType type) {
    Markdown.Section section = section(type);
    Map<String, String> facts = new LinkedHashMap<>();
    for (List<String> row : section.rowsOfTables(List.of("", ""))) {
      facts.put(row.get(0), row.get(1));
    }
    List<String> problems = new ArrayList<>();
    expect(problems, facts, "type", "`" + type.typeName() + "`");
    expect(problems, facts, "topic", "`" + type.topic() + "`");
    expect(problems, facts, "`dataschema`", "`" + type.dataschema() + "`");
    String schemaPath =
        "../platform/contracts/src/main/resources/" + type.schemaResource(type.currentVersion());
    if (!facts.getOrDefault("JSON Schema", "").contains("(" + schemaPath + ")")) {
      problems.add("JSON Schema: expected a link to " + schemaPath);
    }
    String producer = facts.getOrDefault("producer (`source`)", "");
    if (!type.producer().equals(EventType.ANY_PRODUCER)
        && !services(producer).equals(Set.of(type.producer()))) {
      problems.add("producer: '" + producer + "', the catalogue says " + type.producer());
    }
    expectConsumers(problems, "consumers", facts.getOrDefault("consumers", ""), type);
    assertThat(problems).as(type.typeName() + " in docs/events.md").isEmpty();
  }

  @Test
  void the_topics_table_agrees_with_the_catalogue_and_the_local_topics() throws IOException {
    Markdown.Section topics =
        doc.sections().stream()
            .filter(s -> s.title().equals("Topics, keys and partitions"))
            .findFirst()
            .orElseThrow();
    Map<String, Integer> local = localPartitions();
    List<String> problems = new ArrayList<>();
    List<List<String>> rows =
        topics.rowsOfTables(
            List.of("topic", "key", "partitions (local stack)", "producer", "consumer groups"));
    for (EventType type : EventType.values()) {
      Optional<List<String>> row =
          rows.stream()
              .filter(r -> Markdown.codeSpans(r.get(0)).contains(type.topic()))
              .findFirst();
      if (row.isEmpty()) {
        problems.add(type.topic() + ": no row");
        continue;
      }
      String partitions = row.get().get(2).replaceAll("[^0-9].*", "");
      if (local.containsKey(type.topic())
          && !partitions.equals(String.valueOf(local.get(type.topic())))) {
        problems.add(
            type.topic()
                + ": "
                + partitions
                + " partitions, deploy/local/topics.txt says "
                + local.get(type.topic()));
      }
      if (!type.producer().equals(EventType.ANY_PRODUCER)
          && !services(row.get().get(3)).equals(Set.of(type.producer()))) {
        problems.add(type.topic() + ": producer '" + row.get().get(3) + "'");
      }
      expectConsumers(problems, type.topic() + ": consumer groups", row.get().get(4), type);
    }
    assertThat(problems).as("the topics table of docs/events.md").isEmpty();
  }

  // --- the parts of events.md the tests read

  /** The sections under "## Events", by title. */
  Map<String, Markdown.Section> eventSections() {
    List<Markdown.Section> all = doc.sections();
    Markdown.Section events =
        all.stream()
            .filter(s -> s.level() == 2 && s.title().equals("Events"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no '## Events' in " + EVENTS_MD));
    Map<String, Markdown.Section> sections = new LinkedHashMap<>();
    all.stream()
        .filter(s -> s.level() == 3)
        .filter(s -> s.line() > events.line() && s.line() <= events.line() + events.lines().size())
        .forEach(s -> sections.put(s.title(), s));
    return sections;
  }

  private Markdown.Section section(EventType type) {
    Markdown.Section section = eventSections().get(type.typeName());
    assertThat(section).as("section '### " + type.typeName() + "' in " + EVENTS_MD).isNotNull();
    return section;
  }

  /**
   * The rows of the section's field tables by field name, with the rows of a linked section for an
   * object field the section does not break down itself.
   */
  private Map<String, List<String>> fieldRows(Markdown.Section section, List<String> problems) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    List<List<String>> own = section.rowsOfTables(FIELD_TABLE);
    if (own.isEmpty()) {
      problems.add("no '| field | type | required | meaning |' table");
    }
    addRows(own, rows, problems);
    for (List<String> row : own) {
      String name = name(row, new ArrayList<>());
      if (name == null || rows.keySet().stream().anyMatch(n -> n.startsWith(name + "."))) {
        continue;
      }
      Matcher link = LINK.matcher(row.get(3));
      while (link.find()) {
        String anchor = link.group(1);
        doc.sections().stream()
            .filter(s -> s.anchor().equals(anchor))
            .findFirst()
            .ifPresent(
                linked -> {
                  List<List<String>> nested =
                      linked.rowsOfTables(FIELD_TABLE).stream()
                          .filter(
                              r ->
                                  String.valueOf(name(r, new ArrayList<>())).startsWith(name + "."))
                          .toList();
                  addRows(nested, rows, problems);
                });
      }
    }
    return rows;
  }

  private static void addRows(
      List<List<String>> table, Map<String, List<String>> into, List<String> problems) {
    for (List<String> row : table) {
      if (row.size() != 4) {
        problems.add("row with " + row.size() + " cells instead of 4: " + row);
        continue;
      }
      String name = name(row, problems);
      if (name != null && into.put(name, row) != null) {
        problems.add("`" + name + "` is listed twice");
      }
    }
  }

  /** The field a row documents: the one code span of its first cell, a trailing [] dropped. */
  private static String name(List<String> row, List<String> problems) {
    List<String> spans = Markdown.codeSpans(row.get(0));
    if (spans.size() != 1 || !row.get(0).equals("`" + spans.get(0) + "`")) {
      problems.add("'" + row.get(0) + "': write one field per row, as `name`");
      return null;
    }
    String name = spans.get(0);
    return name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
  }

  private static void compare(Field field, Shape documented, String text, List<String> problems) {
    Shape schema = field.shape();
    String where = "`" + field.path() + "`: ";
    if (!documented.kinds().equals(schema.kinds())) {
      problems.add(
          where
              + "the schema says "
              + DocType.describe(schema)
              + ", the table says '"
              + text
              + "'");
      return;
    }
    if (!documented.enumValues().equals(schema.enumValues())) {
      problems.add(
          where
              + "the schema's values are "
              + schema.enumValues()
              + ", the table's "
              + documented.enumValues());
    }
    if (schema.kinds().contains("array")
        && !schema.itemKinds().isEmpty()
        && !documented.itemKinds().equals(schema.itemKinds())) {
      problems.add(
          where
              + "the schema's items are "
              + schema.itemKinds()
              + ", the table's "
              + documented.itemKinds());
    }
    if (schema.kinds().contains("string")
        && !java.util.Objects.equals(schema.refinement(), documented.refinement())) {
      problems.add(
          where
              + "the schema's string is "
              + (schema.refinement() == null ? "plain" : "(" + schema.refinement() + ")")
              + ", the table says '"
              + text
              + "'");
    }
  }

  private static void expect(
      List<String> problems, Map<String, String> facts, String key, String expected) {
    String actual = facts.get(key);
    if (!expected.equals(actual)) {
      problems.add(key + ": expected " + expected + ", found " + actual);
    }
  }

  private static void expectConsumers(
      List<String> problems, String what, String text, EventType type) {
    Set<String> expected =
        Subscriptions.SERVICES.stream()
            .filter(s -> Subscriptions.consumedBy(s).contains(type))
            .collect(Collectors.toCollection(TreeSet::new));
    // the consumers are named first; what follows a colon or a semicolon, or is in parentheses,
    // is commentary
    Set<String> named = services(text.replaceAll("\\([^)]*\\)", "").split("[:;]")[0]);
    if (!named.equals(expected)) {
      problems.add(
          what + " names " + named + ", Subscriptions says " + expected + " ('" + text + "')");
    }
  }

  static Set<String> services(String text) {
    Set<String> services = new TreeSet<>();
    Matcher m = SERVICE.matcher(text);
    while (m.find()) {
      services.add(m.group(1));
    }
    return services;
  }

  static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  static Map<String, Integer> localPartitions() throws IOException {
    Map<String, Integer> partitions = new LinkedHashMap<>();
    for (String line : Files.readAllLines(REPO.resolve("deploy/local/topics.txt"))) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2 && !line.startsWith("#")) {
        partitions.put(parts[0], Integer.parseInt(parts[1]));
      }
    }
    return partitions;
  }
}
