package io.eventsaas.gateway.errors;

import jakarta.servlet.RequestDispatcher;
import io.eventsaas.gateway.security.PageModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error that did not get a response of its own ends here (unknown paths, wrong methods or media types,
 * requests refused by a filter, exceptions nobody handled): problem+json under {@code /api}, the error page
 * elsewhere. Replaces Spring Boot's default error controller so no stack trace or exception message leaves.
 */
@Controller
@RequestMapping("${spring.web.error.path:/error}")
class GatewayErrorController implements ErrorController {

    private final ErrorAttributes errorAttributes;
    private final PageModel pageModel;

    GatewayErrorController(ErrorAttributes errorAttributes, PageModel pageModel) {
        this.errorAttributes = errorAttributes;
        this.pageModel = pageModel;
    }

    @RequestMapping
    Object error(HttpServletRequest request, HttpServletResponse response) {
        HttpStatusCode status = statusOf(request);
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                ? uri : request.getRequestURI();
        String detail = detail(status, request);
        if (Problems.isApi(path)) {
            return Problems.response(status, detail, Map.of(), path, request);
        }
        ModelAndView page = ErrorPages.page(status, detail, request);
        try {
            page.addAllObjects(pageModel.attributes(request, response));
        } catch (RuntimeException e) {
            // The page without the signed-in header is still the right answer.
        }
        return page;
    }

    private static HttpStatusCode statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Nothing went wrong: someone opened the error path itself.
        return code instanceof Integer value && value >= 400 ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
    }

    private String detail(HttpStatusCode status, HttpServletRequest request) {
        if (status.is5xxServerError()) {
            return "Something went wrong on our side. If it keeps happening, quote the correlation id.";
        }
        if (status.value() == 404) {
            return "There is nothing at this address.";
        }
        Throwable error = errorAttributes.getError(new ServletWebRequest(request));
        if (error instanceof HttpMediaTypeNotSupportedException unsupported) {
            return "The request body must be " + MediaType.toString(unsupported.getSupportedMediaTypes())
                    + (unsupported.getContentType() == null ? "" : ", not " + unsupported.getContentType()) + ".";
        }
        if (error instanceof ErrorResponse response && response.getBody().getDetail() != null) {
            return response.getBody().getDetail();
        }
        // Set with sendError by the gateway's own filters and interceptors, written for the client.
        if (request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message && !message.isBlank()) {
            return message;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() + "." : "The request failed.";
    }
}
