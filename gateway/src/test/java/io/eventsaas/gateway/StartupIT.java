package io.eventsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.platform.testing.TestInfrastructure;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Start-up never dies because NATS is away: the gateway serves, says it is not ready, and answers 503. */
@DisplayName("Start-up without NATS")
class StartupIT {

    @Test
    @DisplayName("given no NATS server, then the gateway starts, is live but not ready, and the API answers 503")
    void withoutNats() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RunningGateway gateway = RunningGateway.startWithoutWaiting("nats://127.0.0.1:" + closedPort,
                TestInfrastructure.newNamespace())) {
            HttpResponse<String> readiness = gateway.get("/actuator/health/readiness");

            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("OUT_OF_SERVICE");
            assertThat(gateway.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(gateway.get("/").body()).contains("not available yet");
            HttpResponse<String> api = gateway.get("/api/v1/users/user-1", "Authorization", "Bearer some-token");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }
}
