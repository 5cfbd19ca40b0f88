package io.eventsaas.contracts.catalogue;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.ContractDescriptors;
import io.eventsaas.contracts.ContractOptions;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.EventSpec;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.KvValueSpec;
import io.eventsaas.contracts.Streams;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders docs/events.md from the contracts' descriptor set (which carries the .proto comments): the stream and
 * its envelope, every event, every RPC endpoint, every key-value bucket, and the messages they use.
 *
 * <p>What is an event, an endpoint or a bucket value is declared in the .proto files themselves: an event carries
 * {@code option (eventsaas.event)}, a bucket value {@code option (eventsaas.kv_value)}, an endpoint is an
 * {@code rpc} of a proto {@code service}. The catalogue refuses to render when those declarations and the Java
 * names ({@link EventTypes}, {@link Endpoints}, {@link Buckets}, {@link Streams}) disagree.
 */
public final class EventCatalogue {

    static final String REGENERATE = "./mvnw -q -pl contracts test -Dcatalogue.write=true";
    private static final String OPTIONS_FILE = "eventsaas/options.proto";

    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final List<Rpc> rpcs = new ArrayList<>();
    private final Set<String> rendered = new LinkedHashSet<>();
    private final StringBuilder out = new StringBuilder();

    private EventCatalogue(FileDescriptorSet set) {
        for (FileDescriptorProto file : set.getFileList()) {
            Comments comments = new Comments(file.getSourceCodeInfo());
            for (int i = 0; i < file.getMessageTypeCount(); i++) {
                index(file, "." + file.getPackage() + ".", file.getMessageType(i), List.of(4, i), comments);
            }
            for (int s = 0; s < file.getServiceCount(); s++) {
                ServiceDescriptorProto service = file.getService(s);
                for (int m = 0; m < service.getMethodCount(); m++) {
                    rpcs.add(new Rpc(service, service.getMethod(m), comments.of(List.of(6, s, 2, m))));
                }
            }
        }
    }

    /** Writes the catalogue to the given file (default: docs/events.md, run from the contracts folder). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "../docs/events.md");
        Files.writeString(target, render(ContractDescriptors.current()));
    }

    public static String render(FileDescriptorSet set) {
        return new EventCatalogue(set).render();
    }

    private String render() {
        List<Message> events = messages.values().stream().filter(Message::isEvent).toList();
        List<Message> values = messages.values().stream().filter(m -> m.proto.getOptions().hasExtension(ContractOptions.kvValue)).toList();
        checkAgainstJavaNames(events, values);

        line("# Event catalogue");
        line("");
        line("<!-- Generated from contracts/src/main/proto by the build (contracts: EventCatalogueTest). Do not edit:");
        line("     change the .proto files, then run `" + REGENERATE + "` and commit the result. -->");
        line("");
        line("Everything the services say to each other, generated from the protobuf contracts by the build, which fails");
        line("when this page and `contracts/src/main/proto` disagree. An event is a message with `option (eventsaas.event)`,");
        line("an RPC endpoint is an `rpc` of a proto `service` (served over NATS request-reply, not gRPC), a bucket value");
        line("is a message with `option (eventsaas.kv_value)`. How to change the contracts without breaking old events:");
        line("[contracts.md](contracts.md).");
        line("");
        line("- [The stream](#the-stream)");
        line("- [Events](#events)");
        line("- [RPC endpoints](#rpc-endpoints)");
        line("- [Key-value buckets](#key-value-buckets)");
        line("- [Other messages](#other-messages)");
        line("");

        line("## The stream");
        line("");
        line("The JetStream stream `" + Streams.EVENTS + "` captures `" + Streams.EVENT_SUBJECT_PREFIX + ".>` and is the"
                + " single source of truth. Each aggregate instance has its own subject, `"
                + Streams.eventSubject("<aggregate>", "<id>") + "`, so the subject's last sequence is the aggregate's"
                + " version. One command appends one message, an `EventCommit` holding every event it produced on that"
                + " aggregate, with the headers `Nats-Msg-Id` (derived from the command id), `Event-Types` (the event"
                + " types of the commit, space-separated) and `Correlation-Id`.");
        line("");
        section(messages.get(".eventsaas.events.EventCommit"));
        section(messages.get(".eventsaas.events.EventEnvelope"));

        line("## Events");
        line("");
        line("| event | aggregate | subject | schema version | defined in |");
        line("|---|---|---|---|---|");
        for (Message event : events) {
            EventSpec spec = event.event();
            line("| [" + event.name() + "](#" + anchor(event.name()) + ") | " + spec.getAggregate() + " | `"
                    + Streams.eventSubject(spec.getAggregate(), "<id>") + "` | " + spec.getSchemaVersion() + " | `"
                    + event.file.getName() + "` |");
        }
        line("");
        for (Message event : events) {
            section(event);
        }

        line("## RPC endpoints");
        line("");
        line("The gateway sends a request to `rpc.<service>.<endpoint>`; any instance in the service's queue group"
                + " answers. Errors come back as the headers `Nats-Service-Error-Code` and `Nats-Service-Error` with an"
                + " [ErrorDetail](#errordetail) body. Every reply carries `Rpc-Status` (`200` or the error code); a"
                + " client refuses a reply without it.");
        line("");
        line("| subject | request | reply | service | what it does |");
        line("|---|---|---|---|---|");
        for (Rpc rpc : rpcs) {
            line("| `" + rpc.subject() + "` | " + link(rpc.method.getInputType()) + " | "
                    + link(rpc.method.getOutputType()) + " | " + rpc.serviceName() + " | "
                    + cell(rpc.comment.isEmpty() ? messages.get(rpc.method.getInputType()).comment : rpc.comment) + " |");
        }
        line("");
        for (Rpc rpc : rpcs) {
            section(messages.get(rpc.method.getInputType()));
            section(messages.get(rpc.method.getOutputType()));
        }

        line("## Key-value buckets");
        line("");
        line("| bucket | key | value | written by |");
        line("|---|---|---|---|");
        for (Message value : values) {
            KvValueSpec spec = value.proto.getOptions().getExtension(ContractOptions.kvValue);
            line("| `" + spec.getBucket() + "` | " + cell(spec.getKey()) + " | [" + value.name() + "](#"
                    + anchor(value.name()) + ") | " + spec.getWriter() + " |");
        }
        line("");
        for (Message value : values) {
            section(value);
        }

        line("## Other messages");
        line("");
        line("Messages used by the ones above.");
        line("");
        for (Message message : messages.values()) {
            if (!message.file.getName().equals(OPTIONS_FILE)) {
                section(message);
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    private void section(Message message) {
        if (message == null || !rendered.add(message.fullName)) {
            return;
        }
        line("### " + message.name());
        line("");
        if (!message.comment.isEmpty()) {
            line(prose(message.comment));
            line("");
        }
        line("`" + message.fullName.substring(1) + "` in `" + message.file.getName() + "`");
        line("");
        if (message.proto.getFieldCount() == 0) {
            line("No fields.");
        } else {
            line("| # | field | type | description |");
            line("|---|---|---|---|");
            for (int i = 0; i < message.proto.getFieldCount(); i++) {
                FieldDescriptorProto field = message.proto.getField(i);
                line("| " + field.getNumber() + " | `" + field.getName() + "` | " + type(field) + " | "
                        + cell(message.fieldComments.getOrDefault(i, "")) + " |");
            }
        }
        String reserved = reserved(message.proto);
        if (!reserved.isEmpty()) {
            line("");
            line("Reserved: " + reserved + ".");
        }
        line("");
    }

    private String type(FieldDescriptorProto field) {
        String type = field.hasTypeName() ? link(field.getTypeName()) : field.getType().name().substring(5).toLowerCase();
        if (field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) {
            return "repeated " + type;
        }
        return field.getProto3Optional() ? "optional " + type : type;
    }

    private String link(String typeName) {
        Message message = messages.get(typeName);
        return message == null ? "`" + typeName.substring(1) + "`" : "[" + message.name() + "](#" + anchor(message.name()) + ")";
    }

    private static String reserved(DescriptorProto message) {
        Stream<String> numbers = message.getReservedRangeList().stream()
                .map(r -> r.getEnd() - 1 == r.getStart() ? "" + r.getStart() : r.getStart() + " to " + (r.getEnd() - 1));
        Stream<String> names = message.getReservedNameList().stream().map(n -> "`" + n + "`");
        return Stream.concat(numbers, names).collect(Collectors.joining(", "));
    }

    private void checkAgainstJavaNames(List<Message> events, List<Message> values) {
        List<String> problems = new ArrayList<>();
        Set<String> eventNames = events.stream().map(Message::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> eventTypes = new TreeSet<>(constants(EventTypes.class, String.class));
        if (!eventNames.equals(eventTypes)) {
            problems.add("EventTypes " + eventTypes + " differs from the messages with option (eventsaas.event) " + eventNames);
        }
        Set<String> aggregates = new TreeSet<>(constants(Streams.class, String.class));
        for (Message event : events) {
            if (!aggregates.contains(event.event().getAggregate())) {
                problems.add(event.name() + ": aggregate '" + event.event().getAggregate() + "' is not a constant in Streams");
            }
        }
        Set<String> subjects = rpcs.stream().map(Rpc::subject).collect(Collectors.toCollection(TreeSet::new));
        Set<String> endpoints = constants(Endpoints.class, Endpoints.Endpoint.class).stream()
                .map(Endpoints.Endpoint::subject).collect(Collectors.toCollection(TreeSet::new));
        if (!subjects.equals(endpoints)) {
            problems.add("Endpoints " + endpoints + " differs from the rpcs of the proto services " + subjects);
        }
        Set<String> buckets = new TreeSet<>(constants(Buckets.class, String.class));
        for (Message value : values) {
            String bucket = value.proto.getOptions().getExtension(ContractOptions.kvValue).getBucket();
            if (!buckets.contains(bucket)) {
                problems.add(value.name() + ": bucket '" + bucket + "' is not a constant in Buckets");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The contracts disagree with their Java names:\n  " + String.join("\n  ", problems));
        }
    }

    private static <T> List<T> constants(Class<?> holder, Class<T> type) {
        List<T> values = new ArrayList<>();
        for (Field field : holder.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == type) {
                try {
                    values.add(type.cast(field.get(null)));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    private void index(FileDescriptorProto file, String scope, DescriptorProto proto, List<Integer> path, Comments comments) {
        Map<Integer, String> fieldComments = new HashMap<>();
        for (int f = 0; f < proto.getFieldCount(); f++) {
            fieldComments.put(f, comments.of(append(path, 2, f)));
        }
        String fullName = scope + proto.getName();
        messages.put(fullName, new Message(fullName, file, proto, comments.of(path), fieldComments));
        for (int n = 0; n < proto.getNestedTypeCount(); n++) {
            index(file, fullName + ".", proto.getNestedType(n), append(path, 3, n), comments);
        }
    }

    private static List<Integer> append(List<Integer> path, int... more) {
        List<Integer> longer = new ArrayList<>(path);
        for (int m : more) {
            longer.add(m);
        }
        return List.copyOf(longer);
    }

    private static String anchor(String heading) {
        return heading.toLowerCase();
    }

    /** Comment text in a table cell: a pipe would end the cell. */
    private static String cell(String text) {
        return prose(text).replace("|", "\\|");
    }

    /** Comment text as Markdown: {@code <user_id>} would be swallowed as an HTML tag. */
    private static String prose(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private record Message(String fullName, FileDescriptorProto file, DescriptorProto proto, String comment,
            Map<Integer, String> fieldComments) {

        String name() {
            return proto.getName();
        }

        boolean isEvent() {
            return proto.getOptions().hasExtension(ContractOptions.event);
        }

        EventSpec event() {
            return proto.getOptions().getExtension(ContractOptions.event);
        }
    }

    private record Rpc(ServiceDescriptorProto service, MethodDescriptorProto method, String comment) {

        String serviceName() {
            return service.getName().toLowerCase();
        }

        /** {@code rpc RegisterUser} of {@code service Users} is {@code rpc.users.register-user}. */
        String subject() {
            return "rpc." + serviceName() + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        }
    }

    /** The comments protoc kept (--include_source_info), by element path; a field's trailing comment wins. */
    private static final class Comments {

        private final Map<List<Integer>, String> byPath = new HashMap<>();

        Comments(SourceCodeInfo info) {
            for (SourceCodeInfo.Location location : info.getLocationList()) {
                String text = location.hasTrailingComments() ? location.getTrailingComments() : location.getLeadingComments();
                String flat = text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
                if (!flat.isEmpty()) {
                    byPath.put(List.copyOf(location.getPathList()), flat);
                }
            }
        }

        String of(List<Integer> path) {
            return byPath.getOrDefault(path, "");
        }
    }
}
