package io.eventsaas.gateway.errors;

import io.eventsaas.gateway.security.AccessDeniedException;
import io.eventsaas.gateway.security.NotSignedInException;
import io.eventsaas.gateway.security.PageModel;
import io.eventsaas.gateway.web.InvalidRequestException;
import io.eventsaas.platform.rpc.RpcException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns what went wrong into a response: problem+json for the API, an error page for the pages. A page that can
 * do better (the sign-up form shows errors next to its fields) catches the exception itself.
 */
@ControllerAdvice
class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    private final PageModel pageModel;

    ErrorAdvice(PageModel pageModel) {
        this.pageModel = pageModel;
    }

    /** An error page with the layout's header (who is signed in) like every other page. */
    private ModelAndView page(HttpStatus status, String detail, HttpServletRequest request,
            HttpServletResponse response) {
        ModelAndView page = ErrorPages.page(status, detail, request);
        try {
            page.addAllObjects(pageModel.attributes(request, response));
        } catch (RuntimeException e) {
            log.debug("Error page without the signed-in header", e);
        }
        return page;
    }

    @ExceptionHandler(RpcException.class)
    Object rpcFailed(RpcException e, HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = UpstreamErrors.status(e.status());
        if (UpstreamErrors.isServerSide(e)) {
            // The log line carries the correlation id (see logging.pattern.correlation).
            log.warn("{} {} failed upstream with {}: {}", request.getMethod(), request.getRequestURI(), e.status(),
                    e.getMessage());
        }
        String detail = UpstreamErrors.detail(e);
        String path = request.getRequestURI();
        Optional<Long> retryAfter = UpstreamErrors.retryAfterSeconds(e);
        if (Problems.isApi(path)) {
            ResponseEntity<ProblemDetail> problem = Problems.response(status, detail, e.fieldErrors(), path, request);
            HttpHeaders headers = new HttpHeaders();
            headers.addAll(problem.getHeaders());
            retryAfter.ifPresent(seconds -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
            if (status == HttpStatus.UNAUTHORIZED) {
                headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            return ResponseEntity.status(status).headers(headers).body(problem.getBody());
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            return signIn(request, path); // the session ended while the page was open
        }
        ModelAndView page = page(status, detail, request, response);
        retryAfter.ifPresent(seconds -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        return page;
    }

    @ExceptionHandler(NotSignedInException.class)
    Object notSignedIn(NotSignedInException e, HttpServletRequest request) {
        String path = request.getRequestURI();
        if (Problems.isApi(path)) {
            ResponseEntity<ProblemDetail> problem = Problems.response(HttpStatus.UNAUTHORIZED, e.getMessage(),
                    Map.of(), path, request);
            return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(problem.getBody());
        }
        return signIn(request, path);
    }

    /** To the sign-in page, and back here afterwards (for a GET; after a refused form, back to the page itself). */
    private static ModelAndView signIn(HttpServletRequest request, String path) {
        String target = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
        if (!"GET".equals(request.getMethod())) {
            target = "/app";
        }
        return new ModelAndView("redirect:/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object accessDenied(AccessDeniedException e, HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI();
        if (Problems.isApi(path)) {
            return Problems.response(HttpStatus.FORBIDDEN, e.getMessage(), Map.of(), path, request);
        }
        return page(HttpStatus.FORBIDDEN, e.getMessage(), request, response);
    }

    @ExceptionHandler(InvalidRequestException.class)
    Object invalidRequest(InvalidRequestException e, HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI();
        if (Problems.isApi(path)) {
            return Problems.response(HttpStatus.BAD_REQUEST, e.getMessage(), e.fieldErrors(), path, request);
        }
        return page(HttpStatus.BAD_REQUEST, e.getMessage(), request, response);
    }
}
