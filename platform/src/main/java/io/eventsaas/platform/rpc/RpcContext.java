package io.eventsaas.platform.rpc;

/** What a handler knows about the request besides its body. */
public record RpcContext(String correlationId) {
}
