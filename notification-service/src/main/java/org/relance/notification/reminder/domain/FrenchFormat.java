package org.relance.notification.reminder.domain;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/** Amounts and dates as a French reader expects them: "1 200,00 €", "4 février 2026". */
public final class FrenchFormat {

  private static final Locale FR = Locale.FRANCE;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", FR);

  private FrenchFormat() {}

  public static String amount(String decimal, String currency) {
    NumberFormat format = NumberFormat.getCurrencyInstance(FR);
    format.setCurrency(Currency.getInstance(currency));
    // The JDK puts narrow no-break spaces in French amounts; plain no-break spaces read everywhere.
    return format.format(new BigDecimal(decimal)).replace('\u202f', '\u00a0');
  }

  public static String date(String isoDate) {
    return LocalDate.parse(isoDate).format(DATE);
  }
}
