package dev.liftoff.loadtest.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML scenario:
 *
 * <pre>
 * base_url: https://staging.example.com      # optional; --base-url wins
 * variables: {user: alice}                   # optional constants
 * headers: {Accept: application/json}        # optional, sent with every step
 * steps:
 *   - name: login
 *     method: POST
 *     path: /api/login                       # or url: https://host/api/login
 *     headers: {Content-Type: application/json}
 *     body: '{"user": "${user}"}'             # text, or a mapping/list sent as JSON
 *     extract:
 *       token: {jsonpath: $.token}
 *       id: {regex: 'id=(\d+)'}
 *   - name: orders
 *     path: /api/orders?owner=${id}
 *     headers: {Authorization: Bearer ${token}}
 *     think: 500ms                           # a pause before this step
 * </pre>
 *
 * Errors name the file and line.
 */
final class YamlReader {
    private static final Set<String> TOP = Set.of("name", "base_url", "variables", "headers", "steps");
    private static final Set<String> STEP =
            Set.of("name", "method", "url", "path", "headers", "body", "think", "extract");

    private YamlReader() {}

    static Scenario read(Path file, ImportOptions options) {
        Node root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(r);
        } catch (MarkedYAMLException e) {
            throw LiftoffException.usage(
                    file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML (" + e.getProblem() + ")");
        } catch (YAMLException | IOException e) {
            throw LiftoffException.usage(file + ": cannot read (" + e.getMessage() + ")");
        }
        Ctx ctx = new Ctx(file);
        if (!(root instanceof MappingNode top)) {
            throw ctx.bad(root, "expected a mapping with a 'steps' list");
        }
        Map<String, Node> fields = ctx.mapping(top, TOP);
        Optional<BaseUrl> base = options.baseUrl();
        if (base.isEmpty() && fields.containsKey("base_url")) {
            String text = ctx.scalar(fields.get("base_url"));
            try {
                base = Optional.of(BaseUrl.parse(text, "base_url"));
            } catch (LiftoffException e) {
                throw ctx.bad(fields.get("base_url"), "'" + text + "' is not a base URL such as https://example.com");
            }
        }
        Map<String, String> variables =
                fields.containsKey("variables") ? ctx.strings(fields.get("variables")) : Map.of();
        Map<String, String> common = fields.containsKey("headers") ? ctx.strings(fields.get("headers")) : Map.of();
        Node stepsNode = fields.get("steps");
        if (!(stepsNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw ctx.bad(stepsNode == null ? top : stepsNode, "expected 'steps:' with at least one step");
        }
        List<Step> steps = new ArrayList<>();
        for (Node n : seq.getValue()) {
            steps.add(step(ctx, n, base, options.baseUrl().isPresent(), common, steps.size() + 1));
        }
        return new Scenario(file.toString(), steps, variables, List.of(), List.of(), Map.of(), OptionalInt.empty());
    }

    private static Step step(
            Ctx ctx, Node node, Optional<BaseUrl> base, boolean retarget, Map<String, String> common, int number) {
        if (!(node instanceof MappingNode m)) {
            throw ctx.bad(node, "expected a step mapping with name, method, path or url");
        }
        Map<String, Node> f = ctx.mapping(m, STEP);
        String method = f.containsKey("method") ? ctx.scalar(f.get("method")).toUpperCase(Locale.ROOT) : "GET";
        if (!method.matches("[A-Z]+")) {
            throw ctx.bad(f.get("method"), "'" + method + "' is not an HTTP method");
        }
        Origin origin;
        String target;
        if (f.containsKey("url") == f.containsKey("path")) {
            throw ctx.bad(node, "a step needs exactly one of 'url' (absolute) or 'path' (with base_url)");
        }
        if (f.containsKey("url")) {
            String url = ctx.scalar(f.get("url"));
            try {
                URI uri = new URI(url);
                origin = Origin.of(uri);
                target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            } catch (Exception e) {
                throw ctx.bad(f.get("url"), "'" + url + "' is not an absolute http(s) URL");
            }
        } else {
            target = ctx.scalar(f.get("path"));
            if (!target.startsWith("/")) {
                throw ctx.bad(f.get("path"), "a path starts with '/'");
            }
            if (base.isEmpty()) {
                throw ctx.bad(f.get("path"), "a 'path' needs base_url in the file or --base-url");
            }
            origin = base.get().origin();
        }
        String name = f.containsKey("name") ? ctx.scalar(f.get("name")) : method + " " + target.split("\\?")[0];
        Map<String, String> headers = new LinkedHashMap<>(common);
        if (f.containsKey("headers")) {
            headers.putAll(ctx.strings(f.get("headers")));
        }
        List<Header> hs = new ArrayList<>();
        for (var e : headers.entrySet()) {
            try {
                hs.add(Header.of(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw ctx.bad(f.getOrDefault("headers", node), ex.getMessage());
            }
        }
        Optional<Template> body = Optional.empty();
        if (f.containsKey("body")) {
            Node b = f.get("body");
            body = Optional.of(Template.of(b instanceof ScalarNode s ? s.getValue() : ctx.json(b)));
        }
        Think think = Think.NONE;
        if (f.containsKey("think")) {
            String t = ctx.scalar(f.get("think"));
            try {
                think = Think.constant(Durations.parse(t, "think"));
            } catch (LiftoffException e) {
                throw ctx.bad(f.get("think"), "'" + t + "' is not a duration such as 500ms or 2s");
            }
        }
        List<Extraction> extractions = new ArrayList<>();
        if (f.containsKey("extract")) {
            extractions.addAll(extractions(ctx, f.get("extract")));
        }
        Step step = new Step(name, method, origin, Template.of(target), hs, body, think, extractions);
        return retarget && f.containsKey("url") ? base.get().apply(step) : step;
    }

    private static List<Extraction> extractions(Ctx ctx, Node node) {
        if (!(node instanceof MappingNode m)) {
            throw ctx.bad(node, "expected 'extract:' as a mapping of variable: {jsonpath: ...} or {regex: ...}");
        }
        List<Extraction> out = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            String variable = ctx.scalar(t.getKeyNode());
            Map<String, Node> how = t.getValueNode() instanceof MappingNode hm
                    ? ctx.mapping(hm, Set.of("jsonpath", "regex"))
                    : Map.of();
            if (how.size() != 1) {
                throw ctx.bad(t.getValueNode(), "extract '" + variable + "' needs exactly one of jsonpath or regex");
            }
            if (how.containsKey("jsonpath")) {
                String expr = ctx.scalar(how.get("jsonpath"));
                try {
                    JsonPath.compile(expr);
                } catch (IllegalArgumentException e) {
                    throw ctx.bad(how.get("jsonpath"), e.getMessage());
                }
                out.add(new Extraction(variable, Extraction.Kind.JSONPATH, expr));
            } else {
                String expr = ctx.scalar(how.get("regex"));
                try {
                    Pattern.compile(expr);
                } catch (PatternSyntaxException e) {
                    throw ctx.bad(how.get("regex"), "not a regular expression: " + e.getDescription());
                }
                out.add(new Extraction(variable, Extraction.Kind.REGEX, expr));
            }
        }
        return out;
    }

    /** Error reporting with the file name and the node's line. */
    private record Ctx(Path file) {
        LiftoffException bad(Node node, String message) {
            String line = node == null ? "" : ":" + (node.getStartMark().getLine() + 1);
            return LiftoffException.usage(file + line + ": " + message);
        }

        Map<String, Node> mapping(MappingNode m, Set<String> allowed) {
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                if (!allowed.contains(key)) {
                    throw bad(
                            t.getKeyNode(),
                            "unknown key '" + key + "'; expected one of " + new java.util.TreeSet<>(allowed));
                }
                out.put(key, t.getValueNode());
            }
            return out;
        }

        String scalar(Node n) {
            if (!(n instanceof ScalarNode s)) {
                throw bad(n, "expected a single value");
            }
            return s.getValue();
        }

        Map<String, String> strings(Node n) {
            if (!(n instanceof MappingNode m)) {
                throw bad(n, "expected a mapping of names to values");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                out.put(scalar(t.getKeyNode()), scalar(t.getValueNode()));
            }
            return out;
        }

        /** A structured body written in YAML, sent as JSON. */
        String json(Node n) {
            Object value = new NodeValues().value(n);
            try {
                return new ObjectMapper().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw bad(n, "this body cannot be written as JSON");
            }
        }
    }

    /** Turns a YAML node into plain maps, lists and scalars. */
    private static final class NodeValues extends SafeConstructor {
        NodeValues() {
            super(new LoaderOptions());
        }

        Object value(Node n) {
            return constructObject(n);
        }
    }
}
