package io.eventsaas.contracts;

/** JetStream key-value buckets and their keys. */
public final class Buckets {

    /**
     * Which user claimed an e-mail address (key: SHA-256 of the normalised address, hex; value: EmailClaim).
     * Creating a key is atomic across every instance, which is what makes an e-mail address unique.
     */
    public static final String EMAIL_CLAIMS = "email-claims";

    /**
     * Signed-in sessions (key: {@code <user_id>.<SHA-256 of the token's secret, hex>}; value: Session). The bucket's
     * max age is the session lifetime; ending a session deletes its key, ending all of a user's deletes the prefix.
     */
    public static final String SESSIONS = "sessions";

    /** Recent failed sign-ins per e-mail address (key: SHA-256 of the address, hex; value: SignInAttempts). */
    public static final String SIGN_IN_ATTEMPTS = "sign-in-attempts";

    /**
     * One AES key per data subject (key: e.g. {@code user-<uuid>}; value: PersonalDataKey). Lives outside the EVENTS
     * stream and outside every disposable database: a rebuild must never lose a living user's key, and an erasure
     * purges it so the personal data sealed in events can never be read again.
     */
    public static final String PERSONAL_DATA_KEYS = "personal-data-keys";

    /** Read models that projection-service publishes for the gateway to read. */
    public static final String VIEWS = "views";

    /** Key in {@link #VIEWS}: PlatformSummaryView. */
    public static final String PLATFORM_SUMMARY = "platform-summary";

    /** Key in {@link #VIEWS}: PlatformMetricsView (the admin dashboard). */
    public static final String PLATFORM_METRICS = "platform-metrics";

    /** Key prefix in {@link #VIEWS}: {@code activity.<organization_id>} (ActivityFeedHead) and its chunks. */
    public static final String ACTIVITY_PREFIX = "activity.";

    /** Key prefix in {@link #VIEWS}: {@code org-overview.<organization_id>} (OrganizationOverviewView). */
    public static final String ORG_OVERVIEW_PREFIX = "org-overview.";

    /** The key of an organisation's activity feed head. */
    public static String activity(String organizationId) {
        return ACTIVITY_PREFIX + organizationId;
    }

    /** The key of one chunk of an organisation's activity feed. */
    public static String activityChunk(String organizationId, long chunk) {
        return ACTIVITY_PREFIX + organizationId + "." + chunk;
    }

    /** The key of an organisation's overview. */
    public static String orgOverview(String organizationId) {
        return ORG_OVERVIEW_PREFIX + organizationId;
    }

    /**
     * billing-service's leases (key {@code billing-run}): which instance runs the scheduled billing run. The value
     * names the holder and when the lease expires; it is taken and renewed by compare-and-set on the revision.
     */
    public static final String BILLING_LEASES = "billing-leases";

    /**
     * billing-service's invoice number counters (key {@code invoices-<year>}; value: the InvoiceIssued that took the
     * last number). Compare-and-set on the revision hands out each number once, and the invoice holding the last
     * number is appended before the next number is taken, so numbers have no gaps.
     */
    public static final String BILLING_INVOICE_NUMBERS = "billing-invoice-numbers";

    /**
     * The built-in sandbox payment provider's charges (key: the idempotency key, invoice id and attempt). Stands for
     * a real provider's own records: a charge retried with the same key is made once, whichever instance retries.
     */
    public static final String BILLING_SANDBOX_CHARGES = "billing-sandbox-charges";

    private Buckets() {
    }
}
