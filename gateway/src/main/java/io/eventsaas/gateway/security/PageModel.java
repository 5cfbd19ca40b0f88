package io.eventsaas.gateway.security;

import io.eventsaas.platform.rpc.RpcException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/**
 * What every page's layout needs: who is signed in (the navigation greets them and offers the pages they may open)
 * and the CSRF token for its forms (the sign-out button is one). Not for the JSON API.
 */
@ControllerAdvice
public class PageModel {

    private final Authenticator authenticator;
    private final CsrfTokens csrf;

    PageModel(Authenticator authenticator, CsrfTokens csrf) {
        this.authenticator = authenticator;
        this.csrf = csrf;
    }

    @ModelAttribute
    void layout(Model model, HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI();
        if (path == null || path.equals("/api") || path.startsWith("/api/")) {
            return;
        }
        model.addAllAttributes(attributes(request, response));
    }

    /** The same for a page rendered outside a controller (an error page), so its header still shows who is in. */
    public Map<String, Object> attributes(HttpServletRequest request, HttpServletResponse response) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("csrfField", CsrfTokens.FIELD);
        attributes.put("csrfToken", csrf.tokenFor(request, response));
        Viewer viewer = viewer(request);
        if (viewer != null) {
            attributes.put("viewer", viewer);
        }
        return attributes;
    }

    private Viewer viewer(HttpServletRequest request) {
        try {
            return authenticator.current(request).map(Viewer::of).orElse(null);
        } catch (RpcException e) {
            return null; // user-service unavailable: the page itself says so if it needs the service
        }
    }

    /** The signed-in person as the navigation shows them. */
    public record Viewer(String name, String email, boolean platformAdmin) {
        static Viewer of(SignedIn signedIn) {
            return new Viewer(signedIn.displayName(), signedIn.email(), signedIn.isPlatformAdmin());
        }
    }
}
