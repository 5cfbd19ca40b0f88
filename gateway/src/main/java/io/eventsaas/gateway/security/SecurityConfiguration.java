package io.eventsaas.gateway.security;

import io.eventsaas.gateway.GatewayProperties;
import io.eventsaas.platform.rpc.RpcClient;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The session cookie, signed CSRF cookies and the CSRF check on every page form, and who makes a request ({@link SignedIn}). */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SigningKeys signingKeys(GatewayProperties properties) {
        return SigningKeys.fromSecret(properties.sessionSecret());
    }

    @Bean
    SessionCookies sessionCookies(GatewayProperties properties, Clock clock) {
        return new SessionCookies(properties.sessionMaxAge(), clock);
    }

    @Bean
    CsrfTokens csrfTokens(SigningKeys keys) {
        return new CsrfTokens(keys);
    }

    @Bean
    Authenticator authenticator(RpcClient rpc) {
        return new Authenticator(rpc);
    }

    @Bean
    WebMvcConfigurer csrfProtection(CsrfTokens tokens, Authenticator authenticator) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new CsrfInterceptor(tokens)).excludePathPatterns("/api/**");
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new SignedInArgumentResolver(authenticator));
            }
        };
    }
}
