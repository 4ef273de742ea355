package org.relance.notification.reminder.application;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Header values outside ASCII as RFC 2047 encoded words. Vert.x's mail client encodes the subject
 * and addresses but writes other headers as given, and a postal address often has accents.
 */
final class MailHeaders {

  /** At most 45 bytes per word, so each encoded word stays within the RFC's 75 characters. */
  private static final int BYTES_PER_WORD = 45;

  private MailHeaders() {}

  static String encode(String value) {
    if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return value;
    }
    List<String> words = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      int n = ch.getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > BYTES_PER_WORD) {
        words.add(word(chunk.toString()));
        chunk.setLength(0);
        bytes = 0;
      }
      chunk.append(ch);
      bytes += n;
      i += Character.charCount(cp);
    }
    if (!chunk.isEmpty()) {
      words.add(word(chunk.toString()));
    }
    return String.join(" ", words);
  }

  private static String word(String text) {
    return "=?UTF-8?B?"
        + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }
}
