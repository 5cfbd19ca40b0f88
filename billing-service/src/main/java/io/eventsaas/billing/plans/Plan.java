package io.eventsaas.billing.plans;

/**
 * A plan an organisation can be on: a flat monthly price, a price per seat per month, or both.
 *
 * @param code          stable identifier, e.g. {@code team}
 * @param includedSeats how many seats the plan allows; {@link #UNLIMITED_SEATS} for no limit
 */
public record Plan(String code, String name, Money monthlyPrice, Money monthlyPricePerSeat, int includedSeats) {

    public static final int UNLIMITED_SEATS = 0;

    public Plan {
        if (code == null || !code.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("invalid plan code: " + code);
        }
        if (!monthlyPrice.currency().equals(monthlyPricePerSeat.currency())) {
            throw new IllegalArgumentException("plan " + code + " mixes currencies");
        }
        if (includedSeats < 0) {
            throw new IllegalArgumentException("plan " + code + " cannot include a negative number of seats");
        }
    }

    public boolean allows(int seats) {
        return seats >= 1 && (includedSeats == UNLIMITED_SEATS || seats <= includedSeats);
    }

    /** What an organisation with this many seats pays per month on this plan. */
    public Money monthlyCost(int seats) {
        if (!allows(seats)) {
            throw new IllegalArgumentException("plan " + code + " does not allow " + seats + " seat(s)");
        }
        return monthlyPrice.plus(monthlyPricePerSeat.times(seats));
    }
}
