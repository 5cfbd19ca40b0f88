package io.eventsaas.billing.plans;

import java.math.BigDecimal;
import java.util.Currency;

/** An amount as integer minor units (cents) of a currency: never a floating point number. */
public record Money(long minorUnits, Currency currency) {

    public Money {
        if (currency == null) {
            throw new IllegalArgumentException("money needs a currency");
        }
        if (minorUnits < 0) {
            throw new IllegalArgumentException("a price cannot be negative");
        }
    }

    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money times(int factor) {
        return new Money(Math.multiplyExact(minorUnits, factor), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
    }

    /** e.g. {@code 19.00 USD} */
    @Override
    public String toString() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()).toPlainString() + " "
                + currency.getCurrencyCode();
    }
}
