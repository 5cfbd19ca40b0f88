package io.eventsaas.platform.rpc;

/**
 * Handles one command or query. Runs on a virtual thread, concurrently with other requests; may block on
 * JDBC or NATS. Throw {@link RpcException} for an answer the caller should see (400, 404, 409 ...).
 */
@FunctionalInterface
public interface RpcHandler<Q, R> {
    R handle(Q request, RpcContext context);
}
