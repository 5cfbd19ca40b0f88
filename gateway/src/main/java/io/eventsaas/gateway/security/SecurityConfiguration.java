package io.eventsaas.gateway.security;

import io.eventsaas.gateway.GatewayProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Signed cookies (session, CSRF) and the CSRF check on every page form. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SigningKeys signingKeys(GatewayProperties properties) {
        return SigningKeys.fromSecret(properties.sessionSecret());
    }

    @Bean
    SessionCookies sessionCookies(SigningKeys keys, GatewayProperties properties, Clock clock) {
        return new SessionCookies(keys, properties.sessionMaxAge(), clock);
    }

    @Bean
    CsrfTokens csrfTokens(SigningKeys keys) {
        return new CsrfTokens(keys);
    }

    @Bean
    WebMvcConfigurer csrfProtection(CsrfTokens tokens) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new CsrfInterceptor(tokens)).excludePathPatterns("/api/**");
            }
        };
    }
}
