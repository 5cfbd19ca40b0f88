package io.eventsaas.billing.nats;

import io.eventsaas.billing.domain.InvoiceEvent.InvoiceIssued;
import io.eventsaas.billing.events.BillingEventCodec;
import io.eventsaas.billing.invoicing.InvoiceNumbers;
import io.eventsaas.billing.payments.SandboxPaymentProvider;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * billing-service's key-value buckets, opened by the warm-up: the run lease, the invoice-number counters and the
 * sandbox provider's charges. Also their adapters: {@link InvoiceNumbers} and the sandbox's charge ledger.
 */
public final class BillingBuckets {

    private final NatsConnector connector;
    private final BillingEventCodec codec;
    private volatile KeyValue leases;
    private volatile KeyValue numbers;
    private volatile KeyValue charges;

    public BillingBuckets(NatsConnector connector, BillingEventCodec codec) {
        this.connector = connector;
        this.codec = codec;
    }

    public void open() {
        int replicas = connector.properties().replicas();
        leases = KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.BILLING_LEASES, replicas);
        numbers = KeyValueBuckets.ensure(connector.connection(), connector.namespace(),
                Buckets.BILLING_INVOICE_NUMBERS, replicas);
        charges = KeyValueBuckets.ensure(connector.connection(), connector.namespace(),
                Buckets.BILLING_SANDBOX_CHARGES, replicas);
    }

    public KeyValue leases() {
        return require(leases);
    }

    private static KeyValue require(KeyValue bucket) {
        if (bucket == null) {
            throw new IllegalStateException("the billing buckets are not open yet");
        }
        return bucket;
    }

    public InvoiceNumbers invoiceNumbers() {
        return new InvoiceNumbers() {
            @Override
            public Optional<Last> last(String series) {
                try {
                    KeyValueEntry entry = require(numbers).get("invoices-" + series);
                    return entry == null || entry.getValue() == null ? Optional.empty()
                            : Optional.of(new Last(codec.invoiceIssuedFrom(entry.getValue()), entry.getRevision()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (JetStreamApiException e) {
                    throw new IllegalStateException("cannot read invoice numbers: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean compareAndSet(String series, long expectedRevision, InvoiceIssued invoice) {
                try {
                    byte[] value = codec.toBytes(invoice);
                    if (expectedRevision == 0) {
                        require(numbers).create("invoices-" + series, value);
                    } else {
                        require(numbers).update("invoices-" + series, value, expectedRevision);
                    }
                    return true;
                } catch (JetStreamApiException e) {
                    return false; // another issuer took the number first
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    public SandboxPaymentProvider.ChargeLedger chargeLedger() {
        return new SandboxPaymentProvider.ChargeLedger() {
            @Override
            public Optional<String> get(String key) {
                try {
                    KeyValueEntry entry = require(charges).get(key);
                    return entry == null || entry.getValue() == null ? Optional.empty()
                            : Optional.of(new String(entry.getValue(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (JetStreamApiException e) {
                    throw new IllegalStateException("cannot read the sandbox charges: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean create(String key, String value) {
                try {
                    require(charges).create(key, value.getBytes(StandardCharsets.UTF_8));
                    return true;
                } catch (JetStreamApiException e) {
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
