package io.adoec2.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.localaws.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Terraform module's functions.json, the one source of the deployed artifact, each Lambda
 * function's handler string, memory and timeout, and the environment variables the functions
 * get. Tests read it so that the code and the deployment cannot drift apart unnoticed.
 */
public record TerraformFunctions(Path artifact, String runtime, Map<String, Function> functions,
                                 List<String> environment) {

    public static final Path FILE = Path.of("deploy", "terraform", "modules", "ado-ec2-lifecycle", "functions.json");

    /** One Lambda function as Terraform creates it; {@code memory} in MB, {@code timeout} in seconds. */
    public record Function(String key, String handler, String source, int memory, int timeout) {

        /** The class part of the handler string {@code com.example.Handler::method}. */
        public String handlerClass() {
            int separator = handler.indexOf("::");
            return separator < 0 ? handler : handler.substring(0, separator);
        }

        /** The method part, {@code handleRequest} when the string names none (as Lambda assumes). */
        public String handlerMethod() {
            int separator = handler.indexOf("::");
            return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        }

        /** The function's name as the module makes it, {@code <var.name>-<key>} with the default name. */
        public String functionName() {
            return "ado-ec2-lifecycle-" + key;
        }
    }

    /** The whole file, for the parts only one test reads (table index, metric names). */
    public static JsonNode spec() {
        Path file = ProjectRoot.find().resolve(FILE);
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static TerraformFunctions load() {
        Path root = ProjectRoot.find();
        Path file = root.resolve(FILE);
        JsonNode spec = spec();
        Map<String, Function> functions = new LinkedHashMap<>();
        spec.path("functions").properties().forEach(entry -> {
            JsonNode function = entry.getValue();
            functions.put(entry.getKey(), new Function(entry.getKey(), required(file, function, "handler").asText(),
                    required(file, function, "source").asText(), required(file, function, "memory").asInt(),
                    required(file, function, "timeout").asInt()));
        });
        if (functions.isEmpty()) {
            throw new IllegalStateException(file + " lists no functions");
        }
        List<String> environment = new ArrayList<>();
        required(file, spec, "environment").forEach(name -> environment.add(name.asText()));
        return new TerraformFunctions(root.resolve(required(file, spec, "artifact").asText()),
                required(file, spec, "runtime").asText(), Map.copyOf(functions), List.copyOf(environment));
    }

    public Function function(String key) {
        Function function = functions.get(key);
        if (function == null) {
            throw new IllegalArgumentException(FILE + " has no function " + key + "; it has " + functions.keySet());
        }
        return function;
    }

    /** The functions in a stable order (by key), for data-driven tests. */
    public List<Function> all() {
        return functions.values().stream().sorted(Comparator.comparing(Function::key)).toList();
    }

    private static JsonNode required(Path file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(file + ": field '" + field + "' is missing");
        }
        return value;
    }
}
