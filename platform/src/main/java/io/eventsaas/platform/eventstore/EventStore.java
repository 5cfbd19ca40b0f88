package io.eventsaas.platform.eventstore;

import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.Namespace;
import io.eventsaas.platform.observability.NatsHeaders;
import io.eventsaas.platform.observability.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store: the JetStream stream {@code EVENTS}, one subject per aggregate instance.
 *
 * <p>Appends are optimistic: each carries the aggregate version its command decided on
 * ({@code Nats-Expected-Last-Subject-Sequence}), so of two concurrent writers one gets a conflict instead of
 * silently overwriting, and a message id derived from the command ({@code Nats-Msg-Id}), so a retried command
 * appends nothing twice. The stream refuses to delete or purge messages: the application never deletes events.
 *
 * <p>Every append is an observation {@value #APPEND_OBSERVATION} (a timer tagged aggregate and outcome =
 * appended, duplicate, conflict or error, and a producer span whose trace context goes out in the event message's
 * headers, so every consumer of the event joins the trace); {@value #EVENTS_COUNTER} counts the events written, by
 * aggregate and type.
 */
public final class EventStore {

    private static final Logger log = LoggerFactory.getLogger(EventStore.class);

    /** "wrong last sequence": the aggregate moved on since the caller read it. */
    static final int WRONG_LAST_SEQUENCE = 10071;
    /** Reported by newer servers for an expected-sequence check that cannot hold (treated the same way). */
    static final int EXPECTED_SEQUENCE_MISMATCH = 10164;
    /** The HTTP-like status JetStream answers with while it has no leader for the stream or is starting. */
    static final int JETSTREAM_UNAVAILABLE = 503;
    private static final int NO_MESSAGE_FOUND = 10037;
    private static final int STREAM_NOT_FOUND = 10059;
    public static final String APPEND_OBSERVATION = "eventsaas.eventstore.appends";
    public static final String EVENTS_COUNTER = "eventsaas.eventstore.events";

    private final NatsConnector connector;
    private final Namespace namespace;
    private final String streamName;
    private final int replicas;
    private final Duration duplicateWindow;
    private final Clock clock;
    private final Telemetry telemetry;

    public EventStore(NatsConnector connector, Clock clock) {
        this(connector, clock, Telemetry.none());
    }

    public EventStore(NatsConnector connector, Clock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.connector = connector;
        this.namespace = connector.namespace();
        this.streamName = namespace.name(Streams.EVENTS);
        this.replicas = connector.properties().replicas();
        this.duplicateWindow = connector.properties().duplicateWindow();
        this.clock = clock;
    }

    public String streamName() {
        return streamName;
    }

    /** {@code events.>}, within the namespace. */
    public String allEventsSubject() {
        return namespace.subject(Streams.EVENT_SUBJECT_PREFIX + ".>");
    }

    public String subjectOf(String aggregateType, String aggregateId) {
        return namespace.subject(Streams.eventSubject(aggregateType, aggregateId));
    }

    /** Creates the stream, or brings its configuration up to date. Safe to call from every instance at start. */
    public void ensureStream() {
        StreamConfiguration wanted = StreamConfiguration.builder()
                .name(streamName)
                .subjects(allEventsSubject())
                .storageType(StorageType.File)
                .replicas(replicas)
                .duplicateWindow(duplicateWindow)
                .allowDirect(true)
                .denyDelete(true)
                .denyPurge(true)
                .build();
        try {
            JetStreamManagement jsm = connection().jetStreamManagement();
            StreamInfo existing = streamInfoOrNull(jsm);
            if (existing == null) {
                try {
                    jsm.addStream(wanted);
                    log.info("Created stream {} ({}, {} replica(s))", streamName, allEventsSubject(), replicas);
                } catch (JetStreamApiException raced) {
                    if (streamInfoOrNull(jsm) == null) {
                        throw raced;
                    }
                }
            } else if (differs(existing.getConfiguration(), wanted)) {
                jsm.updateStream(wanted);
                log.info("Updated stream {} to {} replica(s), duplicate window {}", streamName, replicas,
                        duplicateWindow);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up stream " + streamName, e);
        } catch (JetStreamApiException e) {
            throw new EventStoreException("cannot set up stream " + streamName + ": " + e.getMessage(), e);
        }
    }

    private boolean differs(StreamConfiguration have, StreamConfiguration want) {
        return !have.getSubjects().equals(want.getSubjects())
                || have.getReplicas() != want.getReplicas()
                || !have.getDuplicateWindow().equals(want.getDuplicateWindow())
                || !have.getDenyDelete() || !have.getDenyPurge() || !have.getAllowDirect();
    }

    private StreamInfo streamInfoOrNull(JetStreamManagement jsm) throws IOException, JetStreamApiException {
        try {
            return jsm.getStreamInfo(streamName);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Appends one command's events to one aggregate as one message.
     *
     * @throws AppendConflictException when the aggregate is no longer at {@code expectedVersion}
     */
    public Appended append(Append append) {
        String subject = subjectOf(append.aggregateType(), append.aggregateId());
        Headers headers = new Headers()
                .put(EventHeaders.EVENT_TYPES, String.join(" ", append.events().stream().map(NewEvent::type).toList()))
                .put(EventHeaders.CONTENT_TYPE, EventHeaders.PROTOBUF_COMMIT);
        if (append.correlationId() != null && !append.correlationId().isBlank()) {
            headers.put(EventHeaders.CORRELATION_ID, append.correlationId());
        }
        SenderContext<Headers> context = new SenderContext<>(NatsHeaders.SETTER, Kind.PRODUCER);
        context.setCarrier(headers);
        context.setRemoteServiceName("jetstream");
        Observation observation = Observation.createNotStarted(APPEND_OBSERVATION, () -> context,
                        telemetry.observations())
                .contextualName("append " + append.aggregateType())
                .lowCardinalityKeyValue("aggregate", append.aggregateType())
                .highCardinalityKeyValue("messaging.destination.name", subject)
                .start(); // writes the trace context into the headers
        String outcome = "error";
        try (Observation.Scope ignored = observation.openScope()) {
            Appended appended = publish(append, subject, headers);
            outcome = appended.duplicate() ? "duplicate" : "appended";
            if (!appended.duplicate()) {
                countEvents(append);
            }
            return appended;
        } catch (AppendConflictException e) {
            outcome = "conflict";
            throw e;
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.lowCardinalityKeyValue("outcome", outcome).stop();
        }
    }

    private void countEvents(Append append) {
        for (NewEvent event : append.events()) {
            Counter.builder(EVENTS_COUNTER)
                    .description("Events appended to the stream, by aggregate and event type")
                    .tag("aggregate", append.aggregateType())
                    .tag("type", event.type())
                    .register(telemetry.meters())
                    .increment();
        }
    }

    private Appended publish(Append append, String subject, Headers headers) {
        NatsMessage message = NatsMessage.builder()
                .subject(subject)
                .headers(headers)
                .data(EventCodec.encode(append, clock.instant()).toByteArray())
                .build();
        PublishOptions options = PublishOptions.builder()
                .stream(streamName)
                .messageId(append.messageId())
                .expectedLastSubjectSequence(append.expectedVersion())
                .build();
        try {
            PublishAck ack = connection().jetStream().publish(message, options);
            return new Appended(ack.getSeqno(), ack.isDuplicate());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE || e.getApiErrorCode() == EXPECTED_SEQUENCE_MISMATCH) {
                throw new AppendConflictException(subject, append.expectedVersion(), e.getErrorDescription());
            }
            if (e.getErrorCode() == JETSTREAM_UNAVAILABLE) {
                throw EventStoreException.unavailable("append to " + subject + " failed: " + e.getMessage(), e);
            }
            throw new EventStoreException("append to " + subject + " refused: " + e.getMessage(), e);
        } catch (IOException e) {
            // A timeout, "503 No Responders" (no stream leader at the moment) or a lost connection.
            throw EventStoreException.unavailable("append to " + subject + " failed: " + e.getMessage(), e);
        } catch (NatsConnector.NatsUnavailableException e) {
            throw EventStoreException.unavailable("append to " + subject + " failed: " + e.getMessage(), e);
        }
    }

    /** The aggregate's version: the stream sequence of its last message, 0 when it has none. */
    public long versionOf(String aggregateType, String aggregateId) {
        MessageInfo last = lastMessageOf(subjectOf(aggregateType, aggregateId));
        return last == null ? 0 : last.getSeq();
    }

    /** Every event of one aggregate, oldest first (for a service whose database is behind, or for audits). */
    public List<RecordedEvent> load(String aggregateType, String aggregateId) {
        String subject = subjectOf(aggregateType, aggregateId);
        MessageInfo last = lastMessageOf(subject);
        if (last == null) {
            return List.of();
        }
        List<RecordedEvent> events = new ArrayList<>();
        try {
            var consumer = connection().getStreamContext(streamName)
                    .createOrderedConsumer(new OrderedConsumerConfiguration().filterSubject(subject));
            try (IterableConsumer messages = consumer.iterate()) {
                long seen = 0;
                while (seen < last.getSeq()) {
                    Message m = messages.nextMessage(connector.properties().requestTimeout());
                    if (m == null) {
                        throw EventStoreException.unavailable("timed out loading " + subject + " at sequence " + seen, null);
                    }
                    seen = m.metaData().streamSequence();
                    events.addAll(EventCodec.decode(m));
                }
            }
            return events;
        } catch (IOException e) {
            throw EventStoreException.unavailable("cannot load " + subject + ": " + e.getMessage(), e);
        } catch (JetStreamApiException e) {
            throw new EventStoreException("cannot load " + subject + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("interrupted loading " + subject, e);
        } catch (Exception e) {
            throw new EventStoreException("cannot load " + subject + ": " + e.getMessage(), e);
        }
    }

    /** The sequence of the newest message in the stream, 0 when it is empty. */
    /**
     * Which stream this is and where it ends, from one stream-info request. The identity is the stream's name and
     * creation time: a stream deleted and created again (a reset, a restore from the archive) numbers its events
     * from 1 again, so a sequence means something only together with it.
     */
    public record Tail(String streamIdentity, long lastSequence) {
    }

    public Tail tail() {
        try {
            StreamInfo info = connection().jetStreamManagement().getStreamInfo(streamName);
            String created = info.getCreateTime() == null ? "at an unknown time" : info.getCreateTime().toInstant()
                    .toString();
            return new Tail(streamName + " created " + created, info.getStreamState().getLastSequence());
        } catch (IOException | JetStreamApiException e) {
            throw new EventStoreException("cannot read the state of stream " + streamName + ": " + e.getMessage(), e);
        }
    }

    public long lastSequence() {
        return tail().lastSequence();
    }

    private MessageInfo lastMessageOf(String subject) {
        try {
            return connection().jetStreamManagement().getLastMessage(streamName, subject);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return null;
            }
            throw new EventStoreException("cannot read the last message of " + subject + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EventStoreException("cannot read the last message of " + subject + ": " + e.getMessage(), e);
        }
    }

    private Connection connection() {
        return connector.connection();
    }
}
