package org.relance.notification.reminder.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email addresses as logs and health checks may show them: the first letter of the mailbox and the
 * domain, {@code a***@example.com}, enough to tell a typo in the domain from a full mailbox, not
 * enough to name the debtor's contact. An SMTP reply quotes the address it refused ({@code 550
 * 5.1.1 <compta@dupont.example>: Recipient address rejected}), so free text is masked too.
 */
public final class Mask {

  private static final Pattern EMAIL =
      Pattern.compile(
          "([A-Za-z0-9._%+\\-]+)@([A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9\\-]+)*)");

  private Mask() {}

  /** One address masked; {@code "<address>"} for text that is not one, null stays null. */
  public static String email(String address) {
    if (address == null) {
      return null;
    }
    Matcher m = EMAIL.matcher(address.strip());
    return m.matches() ? masked(m) : "<address>";
  }

  /** The text with every email address in it masked; null stays null. */
  public static String emails(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = EMAIL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(masked(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String masked(Matcher m) {
    return m.group(1).charAt(0) + "***@" + m.group(2);
  }
}
