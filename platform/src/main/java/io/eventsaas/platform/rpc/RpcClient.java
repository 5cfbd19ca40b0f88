package io.eventsaas.platform.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.eventsaas.contracts.Endpoints.Endpoint;
import io.eventsaas.contracts.rpc.ErrorDetail;
import io.eventsaas.contracts.rpc.FieldError;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.NatsHeaders;
import io.eventsaas.platform.observability.Telemetry;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.nats.client.RequestFailureMessage;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.nats.client.support.Status;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls an RPC endpoint and returns its typed reply, or throws {@link RpcException} with a status the caller can
 * map: the handler's own (400, 404, 409 ...), {@link RpcStatus#UNAVAILABLE} when no instance is there to answer
 * (or NATS is not connected), {@link RpcStatus#TIMEOUT} when an instance did not answer in time,
 * {@link RpcStatus#INTERNAL} for a reply it cannot read (one without {@value RpcHeaders#STATUS}: not an
 * {@link RpcServer}'s answer).
 *
 * <p>Every call is an observation {@value #OBSERVATION} (a timer tagged service, endpoint and outcome = ok or
 * the error code, and a client span whose trace context goes out in the request's headers).
 */
public final class RpcClient {

    public static final String OBSERVATION = "eventsaas.rpc.client.requests";

    private final NatsConnector connector;
    private final Duration timeout;
    private final Telemetry telemetry;

    public RpcClient(NatsConnector connector) {
        this(connector, Telemetry.none());
    }

    public RpcClient(NatsConnector connector, Telemetry telemetry) {
        this.connector = connector;
        this.timeout = connector.properties().requestTimeout();
        this.telemetry = telemetry;
    }

    public <R extends Message> R call(Endpoint endpoint, Message request, Parser<R> replyParser, String correlationId) {
        return call(endpoint, request, replyParser, correlationId, null);
    }

    /** A call on behalf of {@code caller}, which travels base64-encoded in the {@value RpcHeaders#CALLER} header. */
    public <R extends Message> R call(Endpoint endpoint, Message request, Parser<R> replyParser, String correlationId,
            Message caller) {
        Headers headers = new Headers();
        if (correlationId != null) {
            headers.put(RpcHeaders.CORRELATION_ID, correlationId);
        }
        if (caller != null) {
            headers.put(RpcHeaders.CALLER, Base64.getEncoder().encodeToString(caller.toByteArray()));
        }
        SenderContext<Headers> context = new SenderContext<>(NatsHeaders.SETTER, Kind.CLIENT);
        context.setCarrier(headers);
        context.setRemoteServiceName(endpoint.service());
        Observation observation = Observation.createNotStarted(OBSERVATION, () -> context, telemetry.observations())
                .contextualName(endpoint.subject())
                .lowCardinalityKeyValues(KeyValues.of("service", endpoint.service(), "endpoint", endpoint.subject()))
                .start(); // writes the trace context into the headers
        String outcome = "ok";
        try (Observation.Scope ignored = observation.openScope()) {
            return send(endpoint, request, replyParser, headers);
        } catch (RpcException e) {
            outcome = Integer.toString(e.status().code());
            if (e.status().code() >= 500) {
                observation.error(e);
            }
            throw e;
        } catch (RuntimeException e) {
            outcome = "500";
            observation.error(e);
            throw e;
        } finally {
            observation.lowCardinalityKeyValue("outcome", outcome).stop();
        }
    }

    private <R extends Message> R send(Endpoint endpoint, Message request, Parser<R> replyParser, Headers headers) {
        String subject = connector.namespace().subject(endpoint.subject());
        io.nats.client.Message reply;
        try {
            reply = connector.connection().request(
                    NatsMessage.builder().subject(subject).headers(headers).data(request.toByteArray()).build(),
                    timeout);
        } catch (NatsConnector.NatsUnavailableException e) {
            throw new RpcException(RpcStatus.UNAVAILABLE, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(RpcStatus.UNAVAILABLE, "interrupted while calling " + endpoint.subject());
        }
        if (reply == null) {
            throw new RpcException(RpcStatus.TIMEOUT, endpoint.subject() + " did not answer within " + timeout);
        }
        if (reply instanceof RequestFailureMessage failure) {
            throw switch (failure.getReason()) {
                case TIMEOUT -> new RpcException(RpcStatus.TIMEOUT,
                        endpoint.subject() + " did not answer within " + timeout);
                case NO_RESPONDERS -> new RpcException(RpcStatus.UNAVAILABLE,
                        "no instance of service '" + endpoint.service() + "' is available");
                default -> new RpcException(RpcStatus.UNAVAILABLE,
                        endpoint.subject() + " failed: " + failure.getReason());
            };
        }
        if (reply.isStatusMessage()) {
            throw statusFrom(endpoint, reply.getStatus());
        }
        Headers replyHeaders = reply.getHeaders();
        String errorCode = replyHeaders == null ? null : replyHeaders.getFirst(RpcHeaders.SERVICE_ERROR_CODE);
        if (errorCode != null) {
            throw errorFrom(reply, errorCode);
        }
        if (replyHeaders == null || !RpcHeaders.OK.equals(replyHeaders.getFirst(RpcHeaders.STATUS))) {
            // Not an RPC handler's answer (a bare reply, or a responder from another version): parsing it would turn
            // an empty or foreign body into a reply full of defaults.
            throw new RpcException(RpcStatus.INTERNAL, endpoint.subject() + " sent a reply without "
                    + RpcHeaders.STATUS + " " + RpcHeaders.OK + " or " + RpcHeaders.SERVICE_ERROR_CODE
                    + "; it cannot be read");
        }
        try {
            return replyParser.parseFrom(reply.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new RpcException(RpcStatus.INTERNAL, endpoint.subject() + " sent a reply that cannot be read");
        }
    }

    /** A NATS status message instead of a reply (503: nobody subscribed; the server itself answered). */
    private static RpcException statusFrom(Endpoint endpoint, Status status) {
        return switch (status.getCode()) {
            case 503 -> new RpcException(RpcStatus.UNAVAILABLE,
                    "no instance of service '" + endpoint.service() + "' is available");
            case 408 -> new RpcException(RpcStatus.TIMEOUT,
                    endpoint.subject() + " did not answer in time (NATS status 408)");
            default -> new RpcException(RpcStatus.INTERNAL,
                    endpoint.subject() + " was answered by NATS with status " + status.getCode() + " "
                            + status.getMessage());
        };
    }

    private static RpcException errorFrom(io.nats.client.Message reply, String errorCode) {
        String message = reply.getHeaders().getFirst(RpcHeaders.SERVICE_ERROR);
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (reply.getData() != null && reply.getData().length > 0) {
            try {
                ErrorDetail detail = ErrorDetail.parseFrom(reply.getData());
                for (FieldError fieldError : detail.getFieldErrorsList()) {
                    fieldErrors.put(fieldError.getField(), fieldError.getMessage());
                }
            } catch (InvalidProtocolBufferException ignored) {
                // The headers alone say enough.
            }
        }
        int code;
        try {
            code = Integer.parseInt(errorCode.trim());
        } catch (NumberFormatException e) {
            code = 500;
        }
        return new RpcException(RpcStatus.ofCode(code), message == null ? "error " + code : message, fieldErrors);
    }
}
