package io.eventsaas.users.nats;

import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcException;
import java.util.Optional;

/**
 * Who makes a request, as the gateway vouches for it (the {@code Caller} header; see contracts caller.proto).
 * Endpoints read it here and hand plain values to their handlers, which decide what the caller may do.
 */
public final class Callers {

    private Callers() {
    }

    /** The caller, or 401 when the request names none. */
    public static Caller require(RpcContext context) {
        return optional(context).orElseThrow(() -> RpcException.unauthorized("sign in first"));
    }

    /** A signed-in user (not an API key), or 401 / 403. */
    public static Caller requireUser(RpcContext context) {
        Caller caller = require(context);
        if (caller.getUserId().isEmpty()) {
            throw RpcException.forbidden("an API key cannot do this; sign in as a user");
        }
        return caller;
    }

    public static Optional<Caller> optional(RpcContext context) {
        return context.caller(Caller.parser())
                .filter(caller -> !caller.getUserId().isEmpty() || !caller.getApiKeyId().isEmpty());
    }
}
