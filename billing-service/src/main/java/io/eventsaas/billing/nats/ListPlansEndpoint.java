package io.eventsaas.billing.nats;

import io.eventsaas.billing.plans.Plan;
import io.eventsaas.billing.plans.PlanCatalogue;
import io.eventsaas.contracts.billing.ListPlans;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcHandler;

/** {@code rpc.billing.list-plans}: the plan catalogue, mapped to its protobuf reply. */
public final class ListPlansEndpoint implements RpcHandler<ListPlans, io.eventsaas.contracts.billing.PlanCatalogue> {

    private final io.eventsaas.contracts.billing.PlanCatalogue reply = toMessage();

    @Override
    public io.eventsaas.contracts.billing.PlanCatalogue handle(ListPlans request, RpcContext context) {
        return reply;
    }

    private static io.eventsaas.contracts.billing.PlanCatalogue toMessage() {
        var catalogue = io.eventsaas.contracts.billing.PlanCatalogue.newBuilder();
        for (Plan plan : PlanCatalogue.plans()) {
            catalogue.addPlans(BillingReplies.plan(plan));
        }
        return catalogue.build();
    }
}
