package io.eventsaas.platform.rpc;

/** Headers of RPC requests and replies. The error headers are the NATS service framework's. */
public final class RpcHeaders {

    public static final String SERVICE_ERROR = "Nats-Service-Error";
    public static final String SERVICE_ERROR_CODE = "Nats-Service-Error-Code";
    /** Travels from the HTTP request through the RPC into every event it causes. */
    public static final String CORRELATION_ID = "Correlation-Id";

    private RpcHeaders() {
    }
}
