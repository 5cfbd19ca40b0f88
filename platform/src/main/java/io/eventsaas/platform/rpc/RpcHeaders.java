package io.eventsaas.platform.rpc;

/** Headers of RPC requests and replies. The error headers are the NATS service framework's. */
public final class RpcHeaders {

    public static final String SERVICE_ERROR = "Nats-Service-Error";
    public static final String SERVICE_ERROR_CODE = "Nats-Service-Error-Code";
    /**
     * On every reply an {@link RpcServer} sends: {@value #OK} or the error code. A reply without it (or without
     * {@value #SERVICE_ERROR_CODE}) was not sent by an RPC handler, and {@link RpcClient} refuses to read it as one:
     * an empty body is a valid protobuf message, so without this header a stray bare reply would pass for a reply
     * full of defaults.
     */
    public static final String STATUS = "Rpc-Status";
    /** {@value #STATUS} of a reply that carries the handler's answer. */
    public static final String OK = "200";
    /** Travels from the HTTP request through the RPC into every event it causes. */
    public static final String CORRELATION_ID = "Correlation-Id";
    /**
     * Who makes the request: base64 of a protobuf message the caller and the handler agree on (the contracts'
     * Caller). The platform only carries it; the service decides what it allows.
     */
    public static final String CALLER = "Caller";

    private RpcHeaders() {
    }
}
