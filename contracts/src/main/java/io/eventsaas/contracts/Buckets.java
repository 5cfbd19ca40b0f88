package io.eventsaas.contracts;

/** JetStream key-value buckets and their keys. */
public final class Buckets {

    /**
     * Which user claimed an e-mail address (key: SHA-256 of the normalised address, hex; value: EmailClaim).
     * Creating a key is atomic across every instance, which is what makes an e-mail address unique.
     */
    public static final String EMAIL_CLAIMS = "email-claims";

    /** Read models that projection-service publishes for the gateway to read. */
    public static final String VIEWS = "views";

    /** Key in {@link #VIEWS}: PlatformSummaryView. */
    public static final String PLATFORM_SUMMARY = "platform-summary";

    private Buckets() {
    }
}
