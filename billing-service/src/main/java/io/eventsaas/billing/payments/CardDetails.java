package io.eventsaas.billing.payments;

/**
 * A card as typed in: only ever on its way to the payment provider. {@link #toString()} hides the number and the CVC,
 * so that a log line or an exception message can never carry them.
 */
public record CardDetails(String number, int expMonth, int expYear, String cvc) {

    /** The digits only (spaces and dashes dropped). */
    public String digits() {
        return number == null ? "" : number.replaceAll("[\\s-]", "");
    }

    public String last4() {
        String digits = digits();
        return digits.length() < 4 ? digits : digits.substring(digits.length() - 4);
    }

    /** visa, mastercard, amex, or card. */
    public String brand() {
        String d = digits();
        if (d.startsWith("4")) {
            return "visa";
        }
        if (d.matches("5[1-5].*") || d.matches("2(2[2-9]|[3-6][0-9]|7[01]|720).*")) {
            return "mastercard";
        }
        if (d.startsWith("34") || d.startsWith("37")) {
            return "amex";
        }
        return "card";
    }

    @Override
    public String toString() {
        return "CardDetails[" + brand() + " ending " + last4() + ", expires " + expMonth + "/" + expYear + "]";
    }
}
