package io.eventsaas.platform.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Optional;

/**
 * What a handler knows about the request besides its body: its correlation id, and who makes it (the
 * {@value RpcHeaders#CALLER} header, as the bytes of a protobuf message the platform does not interpret).
 */
public record RpcContext(String correlationId, byte[] callerBytes) {

    public RpcContext(String correlationId) {
        this(correlationId, null);
    }

    /** The caller, empty when the request names none; 401 when the header cannot be read as {@code M}. */
    public <M extends Message> Optional<M> caller(Parser<M> parser) {
        if (callerBytes == null || callerBytes.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parseFrom(callerBytes));
        } catch (InvalidProtocolBufferException e) {
            throw RpcException.unauthorized("the " + RpcHeaders.CALLER + " header cannot be read");
        }
    }
}
