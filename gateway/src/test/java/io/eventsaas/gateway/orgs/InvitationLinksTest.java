package io.eventsaas.gateway.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.gateway.GatewayProperties;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

@DisplayName("Invitation links")
class InvitationLinksTest {

    private static InvitationLinks links(String publicUrl) {
        return new InvitationLinks(new GatewayProperties("", Duration.ofDays(7), DataSize.ofKilobytes(64), publicUrl));
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orgs/o-1/invitations");
        request.setScheme("http");
        request.setServerName("10.0.0.7");
        request.setServerPort(8080);
        request.setQueryString("x=1");
        return request;
    }

    @Test
    @DisplayName("given GATEWAY_PUBLIC_URL, then the link starts with it, whatever address the request came to")
    void publicUrl() {
        assertThat(links("https://app.example.com/").acceptUrl("tok-1", request()))
                .isEqualTo("https://app.example.com/invitations/tok-1");
    }

    @Test
    @DisplayName("without it, the request's own address; the token is encoded")
    void requestAddress() {
        assertThat(links("").acceptUrl("a+b/c", request())).isEqualTo("http://10.0.0.7:8080/invitations/a%2Bb%2Fc");
    }
}
