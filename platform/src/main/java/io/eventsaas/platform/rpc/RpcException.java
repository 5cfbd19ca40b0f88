package io.eventsaas.platform.rpc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that cannot be served, with a reason a caller can act on. Thrown by handlers (the runtime turns it
 * into an error reply) and by {@link RpcClient} (rebuilt from the error reply).
 */
public class RpcException extends RuntimeException {

    private final RpcStatus status;
    private final Map<String, String> fieldErrors;

    public RpcException(RpcStatus status, String message) {
        this(status, message, Map.of());
    }

    public RpcException(RpcStatus status, String message, Map<String, String> fieldErrors) {
        super(message);
        this.status = status;
        this.fieldErrors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    public static RpcException invalid(Map<String, String> fieldErrors) {
        return new RpcException(RpcStatus.BAD_REQUEST, "invalid request: " + String.join(", ", fieldErrors.keySet()),
                fieldErrors);
    }

    public static RpcException notFound(String message) {
        return new RpcException(RpcStatus.NOT_FOUND, message);
    }

    public static RpcException conflict(String message) {
        return new RpcException(RpcStatus.CONFLICT, message);
    }

    public static RpcException unauthorized(String message) {
        return new RpcException(RpcStatus.UNAUTHORIZED, message);
    }

    public static RpcException forbidden(String message) {
        return new RpcException(RpcStatus.FORBIDDEN, message);
    }

    public static RpcException gone(String message) {
        return new RpcException(RpcStatus.GONE, message);
    }

    public RpcStatus status() {
        return status;
    }

    /** Field name to message, in the order the fields were checked; empty unless the request was invalid. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
