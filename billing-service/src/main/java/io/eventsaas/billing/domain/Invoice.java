package io.eventsaas.billing.domain;

import io.eventsaas.billing.domain.InvoiceEvent.InvoiceIssued;
import io.eventsaas.billing.domain.InvoiceEvent.InvoicePaid;
import io.eventsaas.billing.domain.InvoiceEvent.InvoicePaymentFailed;
import io.eventsaas.billing.plans.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The invoice aggregate as a decider, with the dunning schedule. */
public final class Invoice {

    /** Retries after the first failed attempt: 1, 3 and 7 days after it. After the last one fails, no more. */
    public static final List<Duration> RETRIES = List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7));

    public enum Status { OPEN, PAID, UNCOLLECTIBLE }

    private Invoice() {
    }

    public record State(String invoiceId, String organizationId, String number, Money total, Status status,
            int failedAttempts, Instant firstFailedAt, Instant nextAttemptAt) {

        /** Due for a payment attempt as of this moment: never tried, or a retry whose time has come. */
        public boolean dueAt(Instant asOf) {
            return status == Status.OPEN && (failedAttempts == 0 || (nextAttemptAt != null
                    && !nextAttemptAt.isAfter(asOf)));
        }
    }

    /** What the payment provider answered. */
    public sealed interface ChargeOutcome {
        record Succeeded(String providerReference) implements ChargeOutcome {
        }

        record Failed(String reason) implements ChargeOutcome {
        }
    }

    /** @param at when the attempt was made (the run's as-of time) */
    public record RecordCharge(ChargeOutcome outcome, Instant at) {
    }

    public static State issued(InvoiceIssued issued) {
        return new State(issued.invoiceId(), issued.organizationId(), issued.number(), issued.total(), Status.OPEN, 0,
                null, null);
    }

    public static List<InvoiceEvent> decide(State state, RecordCharge command) {
        if (state.status() != Status.OPEN) {
            return List.of();
        }
        int attempt = state.failedAttempts() + 1;
        return switch (command.outcome()) {
            case ChargeOutcome.Succeeded ok -> List.of(new InvoicePaid(state.invoiceId(), state.organizationId(),
                    state.total(), command.at(), attempt, ok.providerReference()));
            case ChargeOutcome.Failed failed -> {
                Instant first = state.firstFailedAt() == null ? command.at() : state.firstFailedAt();
                Instant next = attempt <= RETRIES.size() ? first.plus(RETRIES.get(attempt - 1)) : null;
                yield List.of(new InvoicePaymentFailed(state.invoiceId(), state.organizationId(), failed.reason(),
                        attempt, command.at(), next));
            }
        };
    }

    public static State evolve(State state, InvoiceEvent event) {
        return switch (event) {
            case InvoiceIssued e -> issued(e);
            case InvoicePaid e -> new State(state.invoiceId(), state.organizationId(), state.number(), state.total(),
                    Status.PAID, state.failedAttempts(), state.firstFailedAt(), null);
            case InvoicePaymentFailed e -> new State(state.invoiceId(), state.organizationId(), state.number(),
                    state.total(), e.nextAttemptAt() == null ? Status.UNCOLLECTIBLE : Status.OPEN, e.attempt(),
                    state.firstFailedAt() == null ? e.failedAt() : state.firstFailedAt(), e.nextAttemptAt());
        };
    }
}
