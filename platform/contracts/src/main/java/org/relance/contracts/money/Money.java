package org.relance.contracts.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in one ISO 4217 currency, over {@link BigDecimal}, kept at the currency's minor unit (2
 * decimals for EUR). Arithmetic across currencies is refused. Written as a decimal string in events
 * and APIs, never as a floating-point number.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    int scale = Math.max(currency.getDefaultFractionDigits(), 0);
    amount = amount.setScale(scale, RoundingMode.HALF_UP);
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount), Currency.getInstance(currency));
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  public Money plus(Money other) {
    return new Money(amount.add(same(other).amount), currency);
  }

  public Money minus(Money other) {
    return new Money(amount.subtract(same(other).amount), currency);
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(same(other).amount);
  }

  /** The plain decimal string, e.g. "1200.00". */
  public String toPlainString() {
    return amount.toPlainString();
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  private Money same(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
    }
    return other;
  }

  @Override
  public String toString() {
    return toPlainString() + " " + currency.getCurrencyCode();
  }
}
