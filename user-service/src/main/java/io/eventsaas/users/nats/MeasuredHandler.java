package io.eventsaas.users.nats;

import io.eventsaas.contracts.Endpoints.Endpoint;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Times every request of an endpoint by outcome: a decorator, so the handlers stay about their use case. */
final class MeasuredHandler<Q, R> implements RpcHandler<Q, R> {

    private final Endpoint endpoint;
    private final MeterRegistry meters;
    private final RpcHandler<Q, R> handler;

    private MeasuredHandler(Endpoint endpoint, MeterRegistry meters, RpcHandler<Q, R> handler) {
        this.endpoint = endpoint;
        this.meters = meters;
        this.handler = handler;
    }

    static <Q, R> RpcHandler<Q, R> measured(Endpoint endpoint, MeterRegistry meters, RpcHandler<Q, R> handler) {
        return new MeasuredHandler<>(endpoint, meters, handler);
    }

    @Override
    public R handle(Q request, RpcContext context) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            return handler.handle(request, context);
        } catch (RpcException e) {
            outcome = Integer.toString(e.status().code());
            throw e;
        } catch (RuntimeException e) {
            outcome = "500";
            throw e;
        } finally {
            Timer.builder("eventsaas.rpc.server.requests")
                    .description("RPC requests served, by endpoint and outcome")
                    .tag("endpoint", endpoint.subject())
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
