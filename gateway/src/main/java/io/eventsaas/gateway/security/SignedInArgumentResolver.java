package io.eventsaas.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Fills a controller parameter of type {@link SignedIn}, or refuses the request (401, or a redirect to sign in). */
final class SignedInArgumentResolver implements HandlerMethodArgumentResolver {

    private final Authenticator authenticator;

    SignedInArgumentResolver(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(SignedIn.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return authenticator.require(webRequest.getNativeRequest(HttpServletRequest.class));
    }
}
