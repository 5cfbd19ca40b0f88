package io.eventsaas.platform.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.eventsaas.contracts.Endpoints.Endpoint;
import io.eventsaas.contracts.rpc.ErrorDetail;
import io.eventsaas.contracts.rpc.FieldError;
import io.eventsaas.platform.eventstore.EventStoreException;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.NatsHeaders;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.projection.ReadModelBehindException;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.service.Service;
import io.nats.service.ServiceEndpoint;
import io.nats.service.ServiceMessage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A service's RPC endpoints on the NATS service framework: each endpoint in the framework's queue group (any
 * number of instances share the load), discoverable with {@code $SRV.PING}, {@code $SRV.INFO} and
 * {@code $SRV.STATS}, errors answered with {@code Nats-Service-Error} and {@code Nats-Service-Error-Code}. Every
 * reply, answer or error, carries {@value RpcHeaders#STATUS}, so a client can tell it from a reply it cannot read.
 *
 * <p>Nothing is subscribed until {@link #start()}: the warm-up calls it once the instance has caught up, so a
 * cold instance never takes a request it would answer from stale state.
 *
 * <p>Every request is an observation {@value #OBSERVATION} (a timer tagged service, endpoint and outcome = ok or
 * the error code, and a server span that continues the caller's trace from the {@code traceparent} header); its
 * correlation id is in the log context ({@code correlationId}) while the handler runs.
 */
public final class RpcServer {

    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);
    public static final String OBSERVATION = "eventsaas.rpc.server.requests";

    private final NatsConnector connector;
    private final String serviceName;
    private final String version;
    private final String description;
    private final Telemetry telemetry;
    private final List<Registration<?, ?>> registrations = new ArrayList<>();
    private volatile Service service;

    public RpcServer(NatsConnector connector, String serviceName, String version, String description) {
        this(connector, serviceName, version, description, Telemetry.none());
    }

    public RpcServer(NatsConnector connector, String serviceName, String version, String description,
            Telemetry telemetry) {
        this.telemetry = telemetry;
        this.connector = connector;
        this.serviceName = serviceName;
        this.version = version;
        this.description = description;
    }

    /** Adds an endpoint; call before {@link #start()}. */
    public <Q extends Message, R extends Message> RpcServer endpoint(
            Endpoint endpoint, Parser<Q> requestParser, RpcHandler<Q, R> handler) {
        if (!endpoint.service().equals(serviceName)) {
            throw new IllegalArgumentException(endpoint + " does not belong to service " + serviceName);
        }
        registrations.add(new Registration<>(endpoint, requestParser, handler));
        return this;
    }

    /** Joins the queue groups: from now on this instance takes requests. */
    public synchronized void start() {
        if (service != null) {
            return;
        }
        Connection connection = connector.connection();
        var builder = Service.builder()
                .connection(connection)
                .name(serviceName)
                .version(version)
                .description(description);
        for (Registration<?, ?> registration : registrations) {
            builder.addServiceEndpoint(ServiceEndpoint.builder()
                    .endpointName(registration.endpoint().name())
                    .endpointSubject(connector.namespace().subject(registration.endpoint().subject()))
                    .handler(message -> registration.serve(connection, message, serviceName, telemetry))
                    .build());
        }
        Service started = builder.build();
        started.startService();
        try {
            // Ready means subscribed: make sure the server has the subscriptions before anyone is told so.
            connection.flush(connector.properties().requestTimeout());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            started.stop(false);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("NATS did not confirm the subscriptions of service " + serviceName, e);
        }
        service = started;
        log.info("RPC service '{}' {} is taking requests on {} endpoint(s) (instance {})", serviceName, version,
                registrations.size(), started.getId());
    }

    public synchronized void stop() {
        if (service != null) {
            service.stop(true);
            service = null;
        }
    }

    public boolean isRunning() {
        return service != null;
    }

    /** The instance id in {@code $SRV} discovery, or null before {@link #start()}. */
    public String instanceId() {
        Service s = service;
        return s == null ? null : s.getId();
    }

    private record Registration<Q extends Message, R extends Message>(
            Endpoint endpoint, Parser<Q> parser, RpcHandler<Q, R> handler) {

        void serve(Connection connection, ServiceMessage message, String serviceName, Telemetry telemetry) {
            String correlationId = correlationIdOf(message);
            ReceiverContext<Headers> context = new ReceiverContext<>(NatsHeaders.GETTER, Kind.SERVER);
            context.setCarrier(message.getHeaders());
            context.setRemoteServiceName("nats");
            Observation observation = Observation.createNotStarted(OBSERVATION, () -> context,
                            telemetry.observations())
                    .contextualName(endpoint.subject())
                    .lowCardinalityKeyValues(KeyValues.of("service", serviceName, "endpoint", endpoint.subject()))
                    .highCardinalityKeyValue("correlation.id", correlationId)
                    .start();
            String outcome = "ok";
            MDC.put(Telemetry.CORRELATION_ID_LOG_KEY, correlationId);
            try (Observation.Scope ignored = observation.openScope()) {
                outcome = handle(connection, message, correlationId, observation);
            } finally {
                MDC.remove(Telemetry.CORRELATION_ID_LOG_KEY);
                observation.lowCardinalityKeyValue("outcome", outcome).stop();
            }
        }

        /** Answers the request; returns "ok" or the error code it answered with. */
        private String handle(Connection connection, ServiceMessage message, String correlationId,
                Observation observation) {
            RpcException error;
            try {
                Q request = parser.parseFrom(message.getData() == null ? new byte[0] : message.getData());
                R reply = handler.handle(request, new RpcContext(correlationId, callerOf(message)));
                respond(connection, message, reply.toByteArray(), new Headers().put(RpcHeaders.STATUS, RpcHeaders.OK));
                return "ok";
            } catch (InvalidProtocolBufferException e) {
                error = new RpcException(RpcStatus.BAD_REQUEST,
                        "malformed request: the body is not a " + requestTypeName());
            } catch (RpcException e) {
                error = e;
            } catch (RuntimeException e) {
                if (isUnavailable(e)) {
                    // NATS or JetStream is away for a moment (a reconnect, a stream leader election): the caller
                    // may retry with the same command id, which the event store de-duplicates.
                    log.warn("{} could not be served for now (correlation {}): {}", endpoint.subject(),
                            correlationId, e.getMessage());
                    observation.error(e);
                    error = new RpcException(RpcStatus.UNAVAILABLE,
                            "temporarily unavailable; retrying with the same command id is safe");
                    respondError(connection, message, error);
                    return Integer.toString(error.status().code());
                }
                log.error("{} failed (correlation {})", endpoint.subject(), correlationId, e);
                observation.error(e);
                error = new RpcException(RpcStatus.INTERNAL, "internal error (correlation id " + correlationId + ")");
            }
            respondError(connection, message, error);
            return Integer.toString(error.status().code());
        }

        private String requestTypeName() {
            try {
                return parser.parsePartialFrom(new byte[0]).getDescriptorForType().getName();
            } catch (InvalidProtocolBufferException e) {
                return "request of " + endpoint.subject();
            }
        }

        private static String correlationIdOf(ServiceMessage message) {
            Headers headers = message.getHeaders();
            String id = headers == null ? null : headers.getFirst(RpcHeaders.CORRELATION_ID);
            return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        }

        private static boolean isUnavailable(RuntimeException e) {
            return e instanceof EventStoreException store && store.isUnavailable()
                    || e instanceof NatsConnector.NatsUnavailableException
                    || e instanceof ReadModelBehindException;
        }

        /** The caller header's bytes, or null when there is none; 401 when it is not base64. */
        private static byte[] callerOf(ServiceMessage message) {
            Headers headers = message.getHeaders();
            String value = headers == null ? null : headers.getFirst(RpcHeaders.CALLER);
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Base64.getDecoder().decode(value.trim());
            } catch (IllegalArgumentException e) {
                throw RpcException.unauthorized("the " + RpcHeaders.CALLER + " header is not base64");
            }
        }

        private static void respondError(Connection connection, ServiceMessage message, RpcException error) {
            ErrorDetail.Builder detail = ErrorDetail.newBuilder().setMessage(error.getMessage());
            error.fieldErrors().forEach((field, text) ->
                    detail.addFieldErrors(FieldError.newBuilder().setField(field).setMessage(text)));
            String code = Integer.toString(error.status().code());
            Headers headers = new Headers()
                    .put(RpcHeaders.SERVICE_ERROR, error.getMessage())
                    .put(RpcHeaders.SERVICE_ERROR_CODE, code)
                    .put(RpcHeaders.STATUS, code);
            respond(connection, message, detail.build().toByteArray(), headers);
        }

        /** Every reply carries {@link RpcHeaders#STATUS}: the client refuses one without it. */
        private static void respond(Connection connection, ServiceMessage message, byte[] body, Headers headers) {
            if (message.getReplyTo() == null) {
                return; // a publish without a reply subject: nobody to tell
            }
            message.respond(connection, body, headers);
        }
    }
}
