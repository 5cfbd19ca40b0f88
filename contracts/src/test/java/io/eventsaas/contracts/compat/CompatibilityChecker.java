package io.eventsaas.contracts.compat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares the contracts with those of the last release and lists every change that breaks a reader or writer
 * of the older version: the stream keeps events forever (law 8), so today's code must read every event ever
 * written, and instances of two versions run side by side during a deploy.
 *
 * <p>Breaking: a file's package or java_package changed; a message, enum, service or rpc removed; a field or
 * enum value removed without reserving both its number and its name; a number reused for another name; a name
 * moved to another number; a field's type or label changed; a reserved number or name used again; an rpc's
 * request or reply type changed. Adding messages, fields, values and rpcs is always fine.
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /** Every breaking change from {@code baseline} to {@code current}; empty when compatible. */
    public static List<String> check(FileDescriptorSet baseline, FileDescriptorSet current) {
        List<String> problems = new ArrayList<>();
        Map<String, FileDescriptorProto> currentFiles = byKey(current.getFileList(), FileDescriptorProto::getName);
        for (FileDescriptorProto before : baseline.getFileList()) {
            FileDescriptorProto after = currentFiles.get(before.getName());
            if (after == null) {
                continue; // its types are checked by full name below: moving them to another file is fine
            }
            if (!before.getPackage().equals(after.getPackage())) {
                problems.add(before.getName() + ": package changed from " + before.getPackage() + " to "
                        + after.getPackage());
            }
            if (!before.getOptions().getJavaPackage().equals(after.getOptions().getJavaPackage())) {
                problems.add(before.getName() + ": java_package changed from " + before.getOptions().getJavaPackage()
                        + " to " + after.getOptions().getJavaPackage());
            }
        }
        Types before = Types.of(baseline);
        Types after = Types.of(current);
        before.messages.forEach((name, message) -> {
            DescriptorProto now = after.messages.get(name);
            if (now == null) {
                problems.add("message " + name + " was removed (deprecate it instead: old events still hold it)");
            } else {
                checkFields(name, message, now, problems);
            }
        });
        before.enums.forEach((name, type) -> {
            EnumDescriptorProto now = after.enums.get(name);
            if (now == null) {
                problems.add("enum " + name + " was removed");
            } else {
                checkValues(name, type, now, problems);
            }
        });
        before.services.forEach((name, service) -> {
            ServiceDescriptorProto now = after.services.get(name);
            if (now == null) {
                problems.add("service " + name + " was removed");
            } else {
                checkMethods(name, service, now, problems);
            }
        });
        return problems;
    }

    private static void checkFields(String message, DescriptorProto before, DescriptorProto after,
            List<String> problems) {
        Map<Integer, FieldDescriptorProto> afterByNumber = byKey(after.getFieldList(), FieldDescriptorProto::getNumber);
        Map<String, FieldDescriptorProto> afterByName = byKey(after.getFieldList(), FieldDescriptorProto::getName);
        for (FieldDescriptorProto field : before.getFieldList()) {
            String what = "field " + message + "." + field.getName() + " = " + field.getNumber();
            FieldDescriptorProto now = afterByNumber.get(field.getNumber());
            if (now == null) {
                FieldDescriptorProto moved = afterByName.get(field.getName());
                if (moved != null) {
                    problems.add(what + " moved to number " + moved.getNumber()
                            + " (a field keeps its number for ever)");
                } else if (!reservesNumber(after, field.getNumber()) || !after.getReservedNameList().contains(field.getName())) {
                    problems.add(what + " was removed without `reserved " + field.getNumber() + "; reserved \""
                            + field.getName() + "\";`");
                }
                continue;
            }
            if (!now.getName().equals(field.getName())) {
                problems.add(what + ": number " + field.getNumber() + " now names `" + now.getName()
                        + "` (never reuse a number: reserve it and take a new one)");
            }
            if (!typeOf(now).equals(typeOf(field))) {
                problems.add(what + " changed type from " + typeOf(field) + " to " + typeOf(now));
            }
            if (now.getLabel() != field.getLabel()) {
                problems.add(what + " changed label from " + label(field) + " to " + label(now));
            }
        }
        Map<Integer, FieldDescriptorProto> beforeByNumber = byKey(before.getFieldList(), FieldDescriptorProto::getNumber);
        for (FieldDescriptorProto now : after.getFieldList()) {
            if (beforeByNumber.containsKey(now.getNumber())) {
                continue;
            }
            if (reservesNumber(before, now.getNumber())) {
                problems.add("field " + message + "." + now.getName() + " = " + now.getNumber()
                        + " takes a number the last release reserved");
            }
            if (before.getReservedNameList().contains(now.getName())) {
                problems.add("field " + message + "." + now.getName() + " takes a name the last release reserved");
            }
        }
    }

    private static void checkValues(String type, EnumDescriptorProto before, EnumDescriptorProto after,
            List<String> problems) {
        Map<Integer, EnumValueDescriptorProto> afterByNumber =
                byKey(after.getValueList(), EnumValueDescriptorProto::getNumber);
        Map<String, EnumValueDescriptorProto> afterByName = byKey(after.getValueList(), EnumValueDescriptorProto::getName);
        for (EnumValueDescriptorProto value : before.getValueList()) {
            String what = "enum value " + type + "." + value.getName() + " = " + value.getNumber();
            EnumValueDescriptorProto now = afterByNumber.get(value.getNumber());
            EnumValueDescriptorProto moved = afterByName.get(value.getName());
            if (moved != null && moved.getNumber() != value.getNumber()) {
                problems.add(what + " was renumbered to " + moved.getNumber());
            } else if (now == null) {
                boolean reserved = after.getReservedRangeList().stream()
                        .anyMatch(r -> r.getStart() <= value.getNumber() && value.getNumber() <= r.getEnd());
                if (!reserved || !after.getReservedNameList().contains(value.getName())) {
                    problems.add(what + " was removed without reserving its number and name");
                }
            } else if (!now.getName().equals(value.getName())) {
                problems.add(what + ": number " + value.getNumber() + " now names " + now.getName());
            }
        }
    }

    private static void checkMethods(String service, ServiceDescriptorProto before, ServiceDescriptorProto after,
            List<String> problems) {
        Map<String, MethodDescriptorProto> afterByName = byKey(after.getMethodList(), MethodDescriptorProto::getName);
        for (MethodDescriptorProto method : before.getMethodList()) {
            MethodDescriptorProto now = afterByName.get(method.getName());
            String what = "rpc " + service + "." + method.getName();
            if (now == null) {
                problems.add(what + " was removed (old clients still call it)");
                continue;
            }
            if (!now.getInputType().equals(method.getInputType())) {
                problems.add(what + " changed its request from " + method.getInputType() + " to " + now.getInputType());
            }
            if (!now.getOutputType().equals(method.getOutputType())) {
                problems.add(what + " changed its reply from " + method.getOutputType() + " to " + now.getOutputType());
            }
        }
    }

    /** Message reserved ranges are end-exclusive in descriptors (enum ranges are inclusive). */
    private static boolean reservesNumber(DescriptorProto message, int number) {
        return message.getReservedRangeList().stream().anyMatch(r -> r.getStart() <= number && number < r.getEnd());
    }

    private static String typeOf(FieldDescriptorProto field) {
        return field.hasTypeName() ? field.getTypeName() : field.getType().name().substring(5).toLowerCase();
    }

    private static String label(FieldDescriptorProto field) {
        return field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED ? "repeated" : "singular";
    }

    private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        return values.stream().collect(Collectors.toMap(key, v -> v, (a, b) -> a, LinkedHashMap::new));
    }

    /** Every message, enum and service of a descriptor set by full name, nested types included. */
    private record Types(Map<String, DescriptorProto> messages, Map<String, EnumDescriptorProto> enums,
            Map<String, ServiceDescriptorProto> services) {

        static Types of(FileDescriptorSet set) {
            Types types = new Types(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
            for (FileDescriptorProto file : set.getFileList()) {
                String scope = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
                file.getMessageTypeList().forEach(m -> types.add(scope, m));
                file.getEnumTypeList().forEach(e -> types.enums.put(scope + e.getName(), e));
                file.getServiceList().forEach(s -> types.services.put(scope + s.getName(), s));
            }
            return types;
        }

        private void add(String scope, DescriptorProto message) {
            String name = scope + message.getName();
            messages.put(name, message);
            message.getNestedTypeList().forEach(m -> add(name + ".", m));
            message.getEnumTypeList().forEach(e -> enums.put(name + "." + e.getName(), e));
        }
    }
}
