package io.eventsaas.platform.rpc;

/**
 * Why an RPC failed, carried as {@code Nats-Service-Error-Code}. The codes are HTTP's, so the gateway maps them
 * one to one.
 */
public enum RpcStatus {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    GONE(410),
    /** Refused for now (too many attempts); the message says when to try again. */
    TOO_MANY_REQUESTS(429),
    INTERNAL(500),
    /** No instance of the service is there to answer (no responders). */
    UNAVAILABLE(503),
    /** An instance took the request but did not answer in time. */
    TIMEOUT(504);

    private final int code;

    RpcStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RpcStatus ofCode(int code) {
        for (RpcStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return code >= 400 && code < 500 ? BAD_REQUEST : INTERNAL;
    }
}
