package io.eventsaas.billing.payments;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks a card before anything is sent or appended: the Luhn checksum, the expiry, the CVC's shape. */
public final class CardValidator {

    private CardValidator() {
    }

    /** Field name to message; empty when the card is acceptable as of {@code now}. */
    public static Map<String, String> validate(CardDetails card, YearMonth now) {
        Map<String, String> errors = new LinkedHashMap<>();
        String digits = card.digits();
        if (!digits.matches("[0-9]{12,19}")) {
            errors.put("number", "must be 12 to 19 digits");
        } else if (!passesLuhn(digits)) {
            errors.put("number", "is not a valid card number (checksum)");
        }
        if (card.expMonth() < 1 || card.expMonth() > 12) {
            errors.put("expMonth", "must be 1 to 12");
        } else if (card.expYear() < 2000 || card.expYear() > 2200) {
            errors.put("expYear", "must be a four-digit year");
        } else if (YearMonth.of(card.expYear(), card.expMonth()).isBefore(now)) {
            errors.put("expYear", "the card has expired");
        }
        if (card.cvc() == null || !card.cvc().matches("[0-9]{3,4}")) {
            errors.put("cvc", "must be 3 or 4 digits");
        }
        return errors;
    }

    public static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
