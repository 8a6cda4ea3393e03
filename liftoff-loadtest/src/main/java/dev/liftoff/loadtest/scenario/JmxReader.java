package dev.liftoff.loadtest.scenario;

import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the HTTP traffic out of a JMeter test plan: the first enabled thread group's HTTP samplers (domain, port,
 * protocol, path, method, parameters or raw body), header managers and HTTP request defaults in scope, constant,
 * uniform and Gaussian timers (as think time before the sampler), CSV data sets, user-defined variables, regular
 * expression and JSON extractors. Simple, transaction and loop controllers are followed; other elements are listed
 * as warnings and skipped (listeners silently). {@code ${__P(name,default)}} takes its default.
 */
final class JmxReader {
    private static final Set<String> LISTENERS = Set.of(
            "ResultCollector",
            "Summariser",
            "BackendListener",
            "ResultSaver",
            "CookieManager",
            "CacheManager",
            "DNSCacheManager",
            "TestFragmentController");
    private static final Set<String> FLATTENED = Set.of("GenericController", "TransactionController");
    private static final Set<String> TIMERS = Set.of("ConstantTimer", "UniformRandomTimer", "GaussianRandomTimer");
    private static final Pattern PROPERTY_FN =
            Pattern.compile("\\$\\{__(?:P|property)\\(\\s*([^,)]*)\\s*(?:,\\s*(?:,\\s*)?([^)]*))?\\)}");
    private static final Pattern FUNCTION = Pattern.compile("\\$\\{(__\\w+)");
    private static final int MAX_UNROLL = 100;

    private final Path file;
    private final ImportOptions options;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<DataSet> dataSets = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private OptionalInt threads = OptionalInt.empty();
    private boolean threadGroupSeen;

    /** What applies to the samplers of one level of the tree and below. */
    private record Scope(Map<String, String> headers, Map<String, String> defaults, List<XmlTree> timers) {
        Scope with(List<Pair> level, JmxReader r) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            Map<String, String> d = new LinkedHashMap<>(defaults);
            List<XmlTree> t = new ArrayList<>(timers);
            for (Pair p : level) {
                XmlTree e = p.element;
                switch (e.tag()) {
                    case "HeaderManager" -> h.putAll(r.headers(e));
                    case "ConfigTestElement" -> {
                        for (String k : List.of("domain", "port", "protocol", "path")) {
                            String v = e.prop("HTTPSampler." + k);
                            if (!v.isEmpty()) {
                                d.put(k, v);
                            }
                        }
                    }
                    default -> {
                        if (TIMERS.contains(e.tag())) {
                            t.add(e);
                        }
                    }
                }
            }
            return new Scope(h, d, t);
        }
    }

    private record Pair(XmlTree element, XmlTree subtree) {}

    private JmxReader(Path file, ImportOptions options) {
        this.file = file;
        this.options = options;
    }

    static Scenario read(Path file, ImportOptions options) {
        XmlTree root = XmlTree.parse(file);
        if (!root.tag().equals("jmeterTestPlan")) {
            throw LiftoffException.usage(file + ":" + root.line() + ": expected <jmeterTestPlan>, found <" + root.tag()
                    + ">; is this a JMeter .jmx file?");
        }
        JmxReader r = new JmxReader(file, options);
        XmlTree top = root.child("hashTree")
                .orElseThrow(() ->
                        LiftoffException.usage(file + ":" + root.line() + ": <jmeterTestPlan> has no <hashTree>"));
        r.walk(top, new Scope(Map.of(), Map.of(), List.of()));
        if (r.steps.isEmpty()) {
            throw LiftoffException.usage(file + ": no enabled HTTP Request sampler in the first thread group");
        }
        List<Step> steps = r.steps;
        if (options.baseUrl().isPresent()) {
            steps = steps.stream().map(options.baseUrl().get()::apply).toList();
        }
        return new Scenario(file.toString(), steps, r.variables, r.dataSets, r.warnings, Map.of(), r.threads);
    }

    private static List<Pair> pairs(XmlTree hashTree) {
        List<Pair> out = new ArrayList<>();
        List<XmlTree> c = hashTree.children();
        for (int i = 0; i < c.size(); i++) {
            XmlTree e = c.get(i);
            if (e.tag().equals("hashTree")) {
                continue;
            }
            XmlTree sub = i + 1 < c.size() && c.get(i + 1).tag().equals("hashTree") ? c.get(i + 1) : null;
            if (!"false".equals(e.attribute("enabled"))) {
                out.add(new Pair(e, sub));
            }
        }
        return out;
    }

    private void walk(XmlTree hashTree, Scope outer) {
        List<Pair> level = pairs(hashTree);
        for (Pair p : level) {
            switch (p.element.tag()) {
                case "Arguments" -> variables.putAll(arguments(p.element));
                case "CSVDataSet" -> dataSets.add(csv(p.element));
                default -> {}
            }
        }
        Scope scope = outer.with(level, this);
        for (Pair p : level) {
            XmlTree e = p.element;
            String tag = e.tag();
            switch (tag) {
                case "TestPlan" -> {
                    e.property("TestPlan.user_defined_variables").ifPresent(v -> variables.putAll(arguments(v)));
                    walkSub(p, scope);
                }
                case "ThreadGroup" -> {
                    if (threadGroupSeen) {
                        warn(e, "only the first thread group is replayed; '" + e.attribute("testname") + "' skipped");
                        continue;
                    }
                    threadGroupSeen = true;
                    String n = constant(e.prop("ThreadGroup.num_threads"));
                    if (n.matches("\\d+") && Integer.parseInt(n) > 0) {
                        threads = OptionalInt.of(Integer.parseInt(n));
                    }
                    walkSub(p, scope);
                }
                case "HTTPSamplerProxy", "HTTPSampler" -> steps.add(sampler(e, p.subtree, scope));
                case "LoopController" -> {
                    String loops = constant(e.prop("LoopController.loops"));
                    int n = loops.matches("\\d+") ? Integer.parseInt(loops) : -1;
                    if (n < 1 || n > MAX_UNROLL) {
                        warn(e, "loop controller with loops '" + loops + "' is followed once");
                        n = 1;
                    }
                    for (int i = 0; i < n; i++) {
                        walkSub(p, scope);
                    }
                }
                case "HeaderManager", "ConfigTestElement", "Arguments", "CSVDataSet" -> {}
                case "ConstantThroughputTimer" ->
                    warn(
                            e,
                            "Constant Throughput Timer '" + e.attribute("testname")
                                    + "' paces JMeter only; give liftoff its rate with --rate");
                default -> {
                    if (FLATTENED.contains(tag)) {
                        walkSub(p, scope);
                    } else if (tag.endsWith("Controller")) {
                        warn(e, tag + " '" + e.attribute("testname") + "' is not evaluated; its samplers run once");
                        walkSub(p, scope);
                    } else if (!LISTENERS.contains(tag) && !TIMERS.contains(tag)) {
                        warn(e, tag + " '" + e.attribute("testname") + "' is not supported; skipped");
                    }
                }
            }
        }
    }

    private void walkSub(Pair p, Scope scope) {
        if (p.subtree != null) {
            walk(p.subtree, scope);
        }
    }

    private Step sampler(XmlTree e, XmlTree subtree, Scope outer) {
        List<Pair> children = subtree == null ? List.of() : pairs(subtree);
        Scope scope = outer.with(children, this);
        String method = constant(e.prop("HTTPSampler.method"));
        method = method.isEmpty() ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw bad(e, "HTTPSampler.method '" + method + "' is not an HTTP method");
        }
        String path = resolve(e.prop("HTTPSampler.path"));
        if (path.isEmpty()) {
            path = resolve(scope.defaults.getOrDefault("path", ""));
        }
        Origin origin;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            URI uri = URI.create(constant(path));
            origin = origin(e, uri.getScheme(), uri.getHost(), uri.getPort() > 0 ? String.valueOf(uri.getPort()) : "");
            path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } else {
            origin = origin(
                    e,
                    valueOrDefault(e, scope, "protocol"),
                    valueOrDefault(e, scope, "domain"),
                    valueOrDefault(e, scope, "port"));
            if (!path.startsWith("/")) {
                path = "/" + path;
            }
        }
        Map<String, String> headers = new LinkedHashMap<>(scope.headers);
        boolean raw = e.prop("HTTPSampler.postBodyRaw").equals("true");
        List<String[]> args = httpArguments(e);
        Optional<Template> body = Optional.empty();
        if (raw) {
            body = Optional.of(Template.of(resolve(args.isEmpty() ? "" : args.get(0)[1])));
        } else if (!args.isEmpty()) {
            String encoded = encodeArguments(args);
            if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                body = Optional.of(Template.of(encoded));
                if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
                    headers.put("Content-Type", "application/x-www-form-urlencoded");
                }
            } else {
                path = path + (path.contains("?") ? "&" : "?") + encoded;
            }
        }
        List<Extraction> extractions = new ArrayList<>();
        for (Pair p : children) {
            XmlTree c = p.element;
            switch (c.tag()) {
                case "RegexExtractor" -> extractions.add(regexExtractor(c));
                case "JSONPostProcessor" -> extractions.addAll(jsonExtractors(c));
                case "HeaderManager", "ConfigTestElement", "Arguments" -> {}
                default -> {
                    if (!TIMERS.contains(c.tag()) && !LISTENERS.contains(c.tag())) {
                        warn(c, c.tag() + " '" + c.attribute("testname") + "' is not supported; skipped");
                    }
                }
            }
        }
        String name = e.attribute("testname").isBlank() ? method + " " + path.split("\\?")[0] : e.attribute("testname");
        try {
            List<Header> hs = new ArrayList<>();
            headers.forEach((k, v) -> hs.add(Header.of(k, v)));
            return new Step(name, method, origin, Template.of(path), hs, body, think(scope.timers), extractions);
        } catch (IllegalArgumentException ex) {
            throw bad(e, ex.getMessage());
        }
    }

    private String valueOrDefault(XmlTree e, Scope scope, String key) {
        String v = constant(e.prop("HTTPSampler." + key));
        return v.isEmpty() ? constant(scope.defaults.getOrDefault(key, "")) : v;
    }

    private Origin origin(XmlTree e, String protocol, String domain, String port) {
        String scheme = protocol.isEmpty() ? "http" : protocol.toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            if (options.baseUrl().isPresent()) {
                return options.baseUrl().get().origin();
            }
            throw bad(
                    e, "HTTP sampler '" + e.attribute("testname") + "' has no server name; set one or pass --base-url");
        }
        if (domain.contains("${") || port.contains("${") || scheme.contains("${")) {
            throw bad(
                    e,
                    "server '" + scheme + "://" + domain + ":" + port
                            + "' depends on a variable that is not a User Defined Variable; pass --base-url");
        }
        if (!port.isEmpty() && !port.matches("\\d{1,5}")) {
            throw bad(e, "HTTPSampler.port '" + port + "' is not a port number");
        }
        try {
            return new Origin(scheme, domain, port.isEmpty() ? Origin.defaultPort(scheme) : Integer.parseInt(port));
        } catch (IllegalArgumentException ex) {
            throw bad(e, ex.getMessage());
        }
    }

    private List<String[]> httpArguments(XmlTree sampler) {
        List<String[]> out = new ArrayList<>();
        sampler.property("HTTPsampler.Arguments")
                .flatMap(a -> a.property("Arguments.arguments"))
                .ifPresent(coll -> {
                    for (XmlTree arg : coll.children()) {
                        boolean encode = arg.prop("HTTPArgument.always_encode").equals("true");
                        out.add(new String[] {
                            arg.prop("Argument.name"), arg.rawProp("Argument.value"), encode ? "encode" : ""
                        });
                    }
                });
        return out;
    }

    private String encodeArguments(List<String[]> args) {
        StringBuilder sb = new StringBuilder();
        for (String[] a : args) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            String n = resolve(a[0]);
            String v = resolve(a[1]);
            boolean encode = a[2].equals("encode");
            sb.append(encode && !n.contains("${") ? URLEncoder.encode(n, StandardCharsets.UTF_8) : n)
                    .append('=')
                    .append(encode && !v.contains("${") ? URLEncoder.encode(v, StandardCharsets.UTF_8) : v);
        }
        return sb.toString();
    }

    private Map<String, String> headers(XmlTree manager) {
        Map<String, String> out = new LinkedHashMap<>();
        manager.property("HeaderManager.headers").ifPresent(coll -> {
            for (XmlTree h : coll.children()) {
                String name = h.prop("Header.name");
                if (!name.isEmpty()) {
                    out.put(name, resolve(h.rawProp("Header.value")));
                }
            }
        });
        return out;
    }

    private Map<String, String> arguments(XmlTree element) {
        Map<String, String> out = new LinkedHashMap<>();
        element.property("Arguments.arguments").ifPresent(coll -> {
            for (XmlTree a : coll.children()) {
                String name = a.prop("Argument.name");
                if (!name.isEmpty()) {
                    out.put(name, resolve(a.rawProp("Argument.value")));
                }
            }
        });
        return out;
    }

    private Think think(List<XmlTree> timers) {
        long base = 0;
        long spread = 0;
        Think.Kind kind = Think.Kind.CONSTANT;
        for (XmlTree t : timers) {
            long delay = millis(t, "ConstantTimer.delay");
            base += delay;
            if (!t.tag().equals("ConstantTimer")) {
                if (kind != Think.Kind.CONSTANT) {
                    warn(
                            t,
                            "only one random timer per sampler is modelled; '" + t.attribute("testname")
                                    + "' adds its constant part only");
                    continue;
                }
                kind = t.tag().equals("UniformRandomTimer") ? Think.Kind.UNIFORM : Think.Kind.GAUSSIAN;
                spread = millis(t, "RandomTimer.range");
            }
        }
        if (base == 0 && spread == 0) {
            return Think.NONE;
        }
        return new Think(kind, Duration.ofMillis(base), Duration.ofMillis(spread));
    }

    private long millis(XmlTree timer, String prop) {
        String v = constant(timer.prop(prop));
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Math.round(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            warn(timer, prop + " '" + v + "' is not a number of milliseconds; taken as 0");
            return 0;
        }
    }

    private Extraction regexExtractor(XmlTree e) {
        String name = e.prop("RegexExtractor.refname");
        String regex = e.rawProp("RegexExtractor.regex");
        String template = e.prop("RegexExtractor.template");
        if (name.isEmpty() || regex.isEmpty()) {
            throw bad(e, "regular expression extractor needs a reference name and a regular expression");
        }
        if (!template.isEmpty() && !template.equals("$1$") && !template.equals("$0$")) {
            warn(e, "extractor template '" + template + "' is read as $1$ (the first group)");
        }
        String useHeaders = e.prop("RegexExtractor.useHeaders");
        if (!useHeaders.isEmpty() && !useHeaders.equals("false")) {
            warn(e, "extractor '" + name + "' reads the body only, not '" + useHeaders + "'");
        }
        try {
            Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException ex) {
            throw bad(e, "RegexExtractor.regex is not a regular expression: " + ex.getDescription());
        }
        return new Extraction(name, Extraction.Kind.REGEX, regex);
    }

    private List<Extraction> jsonExtractors(XmlTree e) {
        String[] names = e.prop("JSONPostProcessor.referenceNames").split(";");
        String[] paths = e.rawProp("JSONPostProcessor.jsonPathExprs").split(";");
        if (names.length != paths.length || names[0].isBlank()) {
            throw bad(e, "JSON extractor needs as many JSONPath expressions as names (separated by ';')");
        }
        List<Extraction> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String expr = paths[i].strip();
            try {
                JsonPath.compile(expr);
            } catch (IllegalArgumentException ex) {
                throw bad(e, ex.getMessage());
            }
            out.add(new Extraction(names[i].strip(), Extraction.Kind.JSONPATH, expr));
        }
        return out;
    }

    private DataSet csv(XmlTree e) {
        String name = constant(e.prop("filename"));
        if (name.isEmpty()) {
            throw bad(e, "CSV Data Set has no filename");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path csv = dir.resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw bad(e, "CSV Data Set file '" + name + "' cannot be read (looked at " + csv + ")");
        }
        lines = new ArrayList<>(lines.stream().filter(l -> !l.isBlank()).toList());
        String delimiter = e.prop("delimiter");
        if (delimiter.isEmpty()) {
            delimiter = ",";
        } else if (delimiter.equals("\\t")) {
            delimiter = "\t";
        }
        String names = e.prop("variableNames");
        boolean header = names.isEmpty() || e.prop("ignoreFirstLine").equals("true");
        if (names.isEmpty()) {
            if (lines.isEmpty()) {
                throw bad(e, "CSV Data Set file '" + name + "' is empty");
            }
            names = lines.remove(0);
        } else if (e.prop("ignoreFirstLine").equals("true") && !lines.isEmpty()) {
            lines.remove(0);
        }
        String split = Pattern.quote(delimiter);
        List<String> vars = List.of(names.split(split));
        List<List<String>> rows =
                lines.stream().map(l -> List.of(l.split(split, -1))).toList();
        if (rows.isEmpty()) {
            throw bad(e, "CSV Data Set file '" + name + "' has no data rows");
        }
        return new DataSet(csv.toString(), vars.stream().map(String::strip).toList(), rows, header);
    }

    /**
     * For values that must be fixed before the run (server, port, timers, counts): {@link #resolve} plus the User
     * Defined Variables seen so far. Request paths, headers and bodies keep their references: the run fills those in.
     */
    private String constant(String text) {
        return Template.of(resolve(text)).bind(variables).raw();
    }

    /** Replaces {@code ${__P(name,default)}} by its default; warns once about other JMeter functions. */
    private String resolve(String text) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher m = PROPERTY_FN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    sb,
                    Matcher.quoteReplacement(
                            m.group(2) == null ? "" : m.group(2).strip()));
        }
        m.appendTail(sb);
        String out = sb.toString();
        Matcher f = FUNCTION.matcher(out);
        while (f.find()) {
            String w = "JMeter function " + f.group(1) + " is not supported; it is sent as written";
            if (!warnings.contains(w)) {
                warnings.add(w);
            }
        }
        return out;
    }

    private void warn(XmlTree e, String message) {
        warnings.add("line " + e.line() + ": " + message);
    }

    private LiftoffException bad(XmlTree e, String message) {
        return LiftoffException.usage(file + ":" + e.line() + ": " + message);
    }
}
