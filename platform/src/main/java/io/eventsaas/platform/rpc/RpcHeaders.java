package io.eventsaas.platform.rpc;

/** Headers of RPC requests and replies. The error headers are the NATS service framework's. */
public final class RpcHeaders {

    public static final String SERVICE_ERROR = "Nats-Service-Error";
    public static final String SERVICE_ERROR_CODE = "Nats-Service-Error-Code";
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
