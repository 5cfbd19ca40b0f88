package io.eventsaas.gateway.views;

import java.time.Instant;

/** An organisation's figures as projection-service last published them (key org-overview.<id>). */
public record OrganizationOverview(String organizationId, String name, boolean personal, boolean closed, int members,
        int openInvitations, int activeApiKeys, String planCode, String subscriptionStatus, long monthlyMinorUnits,
        String currency, long invoicesPaid, long invoicesFailed, Instant lastActivityAt) {
}
