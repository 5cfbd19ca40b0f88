package io.eventsaas.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.billing.domain.Invoice.ChargeOutcome;
import io.eventsaas.billing.domain.Invoice.RecordCharge;
import io.eventsaas.billing.domain.InvoiceEvent.InvoicePaid;
import io.eventsaas.billing.domain.InvoiceEvent.InvoicePaymentFailed;
import io.eventsaas.billing.plans.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The invoice decider and its dunning schedule")
class InvoiceTest {

    static final Instant T = Instant.parse("2026-02-10T00:00:00Z");

    static Invoice.State open() {
        return Invoice.issued(new InvoiceEvent.InvoiceIssued("inv-1", "org-1", "2026-000001", T, T.plusSeconds(1),
                List.of(), Money.of(1900, "USD"), T));
    }

    @Test
    @DisplayName("given an open invoice, when the charge succeeds, then paid on attempt 1")
    void paid() {
        var paid = (InvoicePaid) Invoice.decide(open(), new RecordCharge(new ChargeOutcome.Succeeded("ch_1"), T))
                .getFirst();
        assertThat(paid.attempt()).isEqualTo(1);
        assertThat(paid.amount()).isEqualTo(Money.of(1900, "USD"));
    }

    @Test
    @DisplayName("given failures, then retries 1, 3 and 7 days after the first failure, and none after the fourth")
    void dunning() {
        Invoice.State state = open();
        Instant at = T;
        List<Instant> next = new java.util.ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            var failed = (InvoicePaymentFailed) Invoice.decide(state,
                    new RecordCharge(new ChargeOutcome.Failed("card_declined"), at)).getFirst();
            assertThat(failed.attempt()).isEqualTo(attempt);
            next.add(failed.nextAttemptAt());
            state = Invoice.evolve(state, failed);
            if (failed.nextAttemptAt() != null) {
                assertThat(state.dueAt(failed.nextAttemptAt().minusSeconds(1))).isFalse();
                assertThat(state.dueAt(failed.nextAttemptAt())).isTrue();
                at = failed.nextAttemptAt();
            }
        }
        assertThat(next).containsExactly(T.plus(Duration.ofDays(1)), T.plus(Duration.ofDays(3)),
                T.plus(Duration.ofDays(7)), null);
        assertThat(state.status()).isEqualTo(Invoice.Status.UNCOLLECTIBLE);
        assertThat(Invoice.decide(state, new RecordCharge(new ChargeOutcome.Succeeded("x"), at))).isEmpty();
    }
}
