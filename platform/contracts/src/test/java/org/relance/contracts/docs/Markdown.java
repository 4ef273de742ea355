package org.relance.contracts.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough Markdown for the catalogue: headings, their sections and their pipe tables. */
final class Markdown {

  /** A heading and the lines under it up to the next heading of the same or a higher level. */
  record Section(int level, String title, String anchor, int line, List<String> lines) {

    /** The pipe tables of the section (subsections included), each as rows of cells. */
    List<List<List<String>>> tables() {
      List<List<List<String>>> tables = new ArrayList<>();
      List<List<String>> current = null;
      for (String line : lines) {
        if (line.startsWith("|")) {
          if (current == null) {
            current = new ArrayList<>();
            tables.add(current);
          }
          if (!line.matches("\\|[-| :]*-[-| :]*\\|\\s*")) {
            current.add(cells(line));
          }
        } else {
          current = null;
        }
      }
      return tables;
    }

    /** The tables whose header row is exactly {@code header}, without that row. */
    List<List<String>> rowsOfTables(List<String> header) {
      List<List<String>> rows = new ArrayList<>();
      for (List<List<String>> table : tables()) {
        if (!table.isEmpty() && table.get(0).equals(header)) {
          rows.addAll(table.subList(1, table.size()));
        }
      }
      return rows;
    }
  }

  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");

  private final List<String> lines;

  Markdown(Path file) {
    try {
      this.lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> lines() {
    return lines;
  }

  /** Every section, in document order; fenced code blocks are not searched for headings. */
  List<Section> sections() {
    List<int[]> headings = new ArrayList<>(); // {line index, level}
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher m = HEADING.matcher(line);
      if (!fenced && m.matches()) {
        headings.add(new int[] {i, m.group(1).length()});
      }
    }
    List<Section> sections = new ArrayList<>();
    for (int h = 0; h < headings.size(); h++) {
      int start = headings.get(h)[0];
      int level = headings.get(h)[1];
      int end = lines.size();
      for (int next = h + 1; next < headings.size(); next++) {
        if (headings.get(next)[1] <= level) {
          end = headings.get(next)[0];
          break;
        }
      }
      Matcher m = HEADING.matcher(lines.get(start));
      m.matches();
      String title = m.group(2);
      sections.add(
          new Section(level, title, anchor(title), start + 1, lines.subList(start + 1, end)));
    }
    return sections;
  }

  /** GitHub's anchor of a heading. */
  static String anchor(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  /** The cells of a table row, trimmed; {@code \|} is a pipe inside a cell. */
  static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    String body = row.trim();
    body =
        body.substring(
            1, body.endsWith("|") && !body.endsWith("\\|") ? body.length() - 1 : body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().trim());
    return cells;
  }

  /** The contents of the inline code spans of a text. */
  static List<String> codeSpans(String text) {
    List<String> spans = new ArrayList<>();
    Matcher m = CODE.matcher(text);
    while (m.find()) {
      spans.add(m.group(1));
    }
    return spans;
  }
}
