package io.eventsaas.billing.nats;

import io.eventsaas.billing.access.Requester;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcException;

/** Who makes a request: the Caller header, as the gateway vouches for it; 401 without one. */
final class Callers {

    private Callers() {
    }

    static Requester require(RpcContext context) {
        Caller caller = context.caller(Caller.parser())
                .filter(c -> !c.getUserId().isEmpty() || !c.getApiKeyId().isEmpty())
                .orElseThrow(() -> RpcException.unauthorized("sign in first"));
        return new Requester(caller.getUserId(), caller.getApiKeyId(), caller.getOrganizationId(), caller.getRole(),
                caller.getPlatformAdmin());
    }
}
