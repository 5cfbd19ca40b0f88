package io.eventsaas.users.domain;

import java.util.Locale;

/**
 * How many seats an organisation's plan allows, as billing's events last said (user-service does not know the plans):
 * a seat is a member or an open invitation. {@link #NONE} when there is no limit: a plan without one, or no word
 * from billing yet.
 *
 * @param planCode the plan's code as billing names it ({@code free}), to say which plan is full
 * @param seats    the limit; 0 for none
 */
public record SeatLimit(String planCode, int seats) {

    public static final SeatLimit NONE = new SeatLimit("", 0);

    public SeatLimit {
        if (seats < 0) {
            throw new IllegalArgumentException("a seat limit cannot be negative: " + seats);
        }
        planCode = planCode == null ? "" : planCode;
    }

    public boolean isLimited() {
        return seats > 0;
    }

    /** Whether this many seats taken leaves none for one more. */
    boolean isReachedBy(int taken) {
        return isLimited() && taken >= seats;
    }

    /** e.g. "the Free plan has 3 seats" */
    String describe() {
        String plan = planCode.isEmpty() ? "your"
                : "the " + planCode.substring(0, 1).toUpperCase(Locale.ROOT) + planCode.substring(1);
        return plan + " plan has " + seats + (seats == 1 ? " seat" : " seats");
    }
}
