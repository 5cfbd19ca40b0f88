package io.eventsaas.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RPC failures over HTTP")
class UpstreamErrorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "BAD_REQUEST, 400", "UNAUTHORIZED, 401", "FORBIDDEN, 403", "NOT_FOUND, 404", "CONFLICT, 409",
            "GONE, 410", "TOO_MANY_REQUESTS, 429", "UNAVAILABLE, 503", "TIMEOUT, 504", "INTERNAL, 502"})
    @DisplayName("every RPC status has its HTTP status")
    void status(RpcStatus rpc, int http) {
        assertThat(UpstreamErrors.status(rpc).value()).isEqualTo(http);
    }

    @Test
    @DisplayName("a refusal passes the service's message on; a failure does not")
    void detail() {
        assertThat(UpstreamErrors.detail(RpcException.conflict("already registered")))
                .isEqualTo("already registered");
        for (RpcStatus failure : new RpcStatus[] {RpcStatus.INTERNAL, RpcStatus.UNAVAILABLE, RpcStatus.TIMEOUT}) {
            assertThat(UpstreamErrors.detail(new RpcException(failure, "no instance at 10.0.3.7: NPE in Foo")))
                    .doesNotContain("10.0.3.7").doesNotContain("NPE");
        }
    }

    @Test
    @DisplayName("a 429 says when to retry when the service does (retry_after_seconds), and only then")
    void retryAfter() {
        assertThat(UpstreamErrors.retryAfterSeconds(new RpcException(RpcStatus.TOO_MANY_REQUESTS, "slow down",
                java.util.Map.of("retry_after_seconds", "42")))).hasValue(42L);
        assertThat(UpstreamErrors.retryAfterSeconds(new RpcException(RpcStatus.TOO_MANY_REQUESTS, "slow down")))
                .isEmpty();
        assertThat(UpstreamErrors.retryAfterSeconds(new RpcException(RpcStatus.TOO_MANY_REQUESTS, "slow down",
                java.util.Map.of("retry_after_seconds", "soon")))).isEmpty();
        assertThat(UpstreamErrors.retryAfterSeconds(new RpcException(RpcStatus.BAD_REQUEST, "bad",
                java.util.Map.of("retry_after_seconds", "42")))).isEmpty();
    }

    @Test
    @DisplayName("a 429 whose message says 'try again after <instant>' retries after the seconds until then")
    void retryAfterFromTheMessage() {
        java.time.Instant now = java.time.Instant.parse("2026-11-22T06:00:00Z");
        RpcException limited = new RpcException(RpcStatus.TOO_MANY_REQUESTS, "too many failed sign-ins for this "
                + "e-mail address; try again after 2026-11-22T06:14:30Z (in 15 minutes)");

        assertThat(UpstreamErrors.retryAfterSeconds(limited, now)).hasValue(870L);
        assertThat(UpstreamErrors.retryAfterSeconds(limited, now.plusSeconds(3600))).hasValue(1L);
    }
}
