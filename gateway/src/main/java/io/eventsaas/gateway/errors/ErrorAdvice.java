package io.eventsaas.gateway.errors;

import io.eventsaas.gateway.web.InvalidRequestException;
import io.eventsaas.platform.rpc.RpcException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Turns what went wrong into a response: problem+json for the API, an error page for the pages. A page that can
 * do better (the sign-up form shows errors next to its fields) catches the exception itself.
 */
@ControllerAdvice
class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(RpcException.class)
    Object rpcFailed(RpcException e, HttpServletRequest request) {
        HttpStatus status = UpstreamErrors.status(e.status());
        if (UpstreamErrors.isServerSide(e)) {
            // The log line carries the correlation id (see logging.pattern.correlation).
            log.warn("{} {} failed upstream with {}: {}", request.getMethod(), request.getRequestURI(), e.status(),
                    e.getMessage());
        }
        String detail = UpstreamErrors.detail(e);
        String path = request.getRequestURI();
        if (Problems.isApi(path)) {
            return Problems.response(status, detail, e.fieldErrors(), path, request);
        }
        return ErrorPages.page(status, detail, request);
    }

    @ExceptionHandler(InvalidRequestException.class)
    Object invalidRequest(InvalidRequestException e, HttpServletRequest request) {
        String path = request.getRequestURI();
        if (Problems.isApi(path)) {
            return Problems.response(HttpStatus.BAD_REQUEST, e.getMessage(), e.fieldErrors(), path, request);
        }
        return ErrorPages.page(HttpStatus.BAD_REQUEST, e.getMessage(), request);
    }
}
