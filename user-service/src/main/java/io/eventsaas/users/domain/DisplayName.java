package io.eventsaas.users.domain;

/** The name a user is shown by: trimmed, 1 to 80 characters, nothing that would break a page or a log line. */
public record DisplayName(String value) {

    static final int MAX_LENGTH = 80;

    public DisplayName {
        if (value == null || !value.equals(value.strip())) {
            throw new IllegalArgumentException("a DisplayName holds a trimmed name; use DisplayName.parse");
        }
    }

    public static DisplayName parse(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw new InvalidValueException("is required");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new InvalidValueException("must be at most " + MAX_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(DisplayName::isControl)) {
            throw new InvalidValueException("must not contain control characters or line breaks");
        }
        return new DisplayName(name);
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT && codePoint != 0x200D;
    }

    @Override
    public String toString() {
        return value;
    }
}
