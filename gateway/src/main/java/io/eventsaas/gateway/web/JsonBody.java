package io.eventsaas.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * A JSON object request body, checked for shape only: well-formed, an object, no duplicate keys, and the fields
 * the endpoint needs present as strings. Read into a tree rather than bound to a class because binding would
 * quietly turn {@code 42} into {@code "42"} and {@code null} into a missing value.
 *
 * <p>Error messages never quote the body: it may hold a password.
 */
public final class JsonBody {

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /** Reads the request body (the {@link RequestBodyLimitFilter} stops it at the size limit). */
    public static JsonBody read(HttpServletRequest request, ObjectMapper mapper) {
        byte[] bytes;
        try {
            bytes = request.getInputStream().readAllBytes();
        } catch (RequestBodyLimitFilter.BodyTooLargeException e) {
            throw new InvalidRequestException(e.getMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("The request body could not be read.");
        }
        return parse(bytes, mapper);
    }

    static JsonBody parse(byte[] bytes, ObjectMapper mapper) {
        if (bytes.length == 0) {
            throw new InvalidRequestException("The request body is empty; expected a JSON object.");
        }
        ObjectReader reader = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonNode root;
        try {
            root = reader.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidRequestException("The request body is not well-formed JSON" + where(e.getLocation()) + ".");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }
        return new JsonBody(root);
    }

    /**
     * The named fields as strings, in the order given; throws with one message per missing or non-string field.
     * An empty string is a string: whether it is acceptable is for the service to say.
     */
    public Map<String, String> requireStrings(String... fields) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = root.get(field);
            if (value == null || value.isNull()) {
                errors.put(field, "is required");
            } else if (!value.isString()) {
                errors.put(field, "must be a string");
            } else {
                values.put(field, value.stringValue());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(
                    "The request body lacks required fields or has fields of the wrong type.", errors);
        }
        return values;
    }

    /** The named fields as whole numbers (JSON integers), in the order given; throws as {@link #requireStrings}. */
    public Map<String, Integer> requireInts(String... fields) {
        Map<String, Integer> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = root.get(field);
            if (value == null || value.isNull()) {
                errors.put(field, "is required");
            } else if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                errors.put(field, "must be a whole number");
            } else {
                values.put(field, value.intValue());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(
                    "The request body lacks required fields or has fields of the wrong type.", errors);
        }
        return values;
    }

    /** An optional string field: empty when absent or null; 400 when present but not a string. */
    public java.util.Optional<String> optionalString(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        if (!value.isString()) {
            throw new InvalidRequestException("The request body has fields of the wrong type.",
                    Map.of(field, "must be a string"));
        }
        return java.util.Optional.of(value.stringValue());
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
