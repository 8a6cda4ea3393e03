package dev.liftoff.loadtest.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes a scenario as a JMeter 5.x test plan: one standard thread group (scheduler on, for the given duration) whose
 * HTTP samplers carry the steps' methods, URLs, headers, raw bodies, think times (as timers) and extractions (as
 * regular expression and JSON extractors); user-defined variables and CSV data sets as in the scenario. With a rate,
 * a Constant Throughput Timer paces all threads together to that many sessions per second (JMeter counts samples, so
 * the timer's target is the rate times the steps per session). Stateless and thread-safe.
 */
public final class JmxWriter {
    private JmxWriter() {}

    /**
     * The plan as XML text.
     *
     * @param threads JMeter threads (users)
     * @param sessionsPerSecond the target rate, or empty for as fast as the threads go
     */
    public static String write(
            Scenario scenario, int threads, Duration duration, Duration ramp, OptionalDouble sessionsPerSecond) {
        X x = new X();
        x.line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        x.line(0, "<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\">");
        x.line(1, "<hashTree>");
        x.open(2, "TestPlan", "TestPlanGui", "TestPlan", "liftoff: " + scenario.source());
        x.prop(3, "bool", "TestPlan.functional_mode", "false");
        x.prop(3, "bool", "TestPlan.serialize_threadgroups", "false");
        x.line(
                3,
                "<elementProp name=\"TestPlan.user_defined_variables\" elementType=\"Arguments\""
                        + " guiclass=\"ArgumentsPanel\" testclass=\"Arguments\" testname=\"User Defined Variables\">");
        arguments(x, 4, scenario.variables());
        x.line(3, "</elementProp>");
        x.line(2, "</TestPlan>");
        x.line(2, "<hashTree>");
        x.open(3, "ThreadGroup", "ThreadGroupGui", "ThreadGroup", "liftoff sessions");
        x.prop(4, "int", "ThreadGroup.num_threads", String.valueOf(threads));
        x.prop(4, "int", "ThreadGroup.ramp_time", String.valueOf(ramp.toSeconds()));
        x.prop(4, "bool", "ThreadGroup.same_user_on_next_iteration", "true");
        x.prop(4, "string", "ThreadGroup.on_sample_error", "continue");
        x.line(
                4,
                "<elementProp name=\"ThreadGroup.main_controller\" elementType=\"LoopController\""
                        + " guiclass=\"LoopControlPanel\" testclass=\"LoopController\" testname=\"Loop Controller\">");
        x.prop(5, "string", "LoopController.loops", "-1");
        x.prop(5, "bool", "LoopController.continue_forever", "false");
        x.line(4, "</elementProp>");
        x.prop(4, "bool", "ThreadGroup.scheduler", "true");
        x.prop(4, "string", "ThreadGroup.duration", String.valueOf(Math.max(1, duration.toSeconds())));
        x.prop(4, "string", "ThreadGroup.delay", "0");
        x.line(3, "</ThreadGroup>");
        x.line(3, "<hashTree>");
        if (sessionsPerSecond.isPresent()) {
            double perMinute =
                    sessionsPerSecond.getAsDouble() * 60 * scenario.steps().size();
            x.open(4, "ConstantThroughputTimer", "TestBeanGUI", "ConstantThroughputTimer", "target rate");
            x.prop(5, "int", "calcMode", "1");
            x.line(5, "<doubleProp>");
            x.line(6, "<name>throughput</name>");
            x.line(6, "<value>" + String.format(Locale.ROOT, "%.1f", perMinute) + "</value>");
            x.line(6, "<savedValue>0.0</savedValue>");
            x.line(5, "</doubleProp>");
            x.line(4, "</ConstantThroughputTimer>");
            x.line(4, "<hashTree/>");
        }
        for (DataSet d : scenario.dataSets()) {
            x.open(4, "CSVDataSet", "TestBeanGUI", "CSVDataSet", d.source());
            x.prop(5, "string", "filename", d.source());
            x.prop(5, "string", "fileEncoding", "UTF-8");
            x.prop(5, "string", "variableNames", String.join(",", d.variables()));
            x.prop(5, "bool", "ignoreFirstLine", String.valueOf(d.firstLineIsHeader()));
            x.prop(5, "string", "delimiter", ",");
            x.prop(5, "bool", "quotedData", "false");
            x.prop(5, "bool", "recycle", "true");
            x.prop(5, "bool", "stopThread", "false");
            x.prop(5, "string", "shareMode", "shareMode.all");
            x.line(4, "</CSVDataSet>");
            x.line(4, "<hashTree/>");
        }
        for (Step s : scenario.steps()) {
            sampler(x, s);
        }
        x.line(3, "</hashTree>");
        x.line(2, "</hashTree>");
        x.line(1, "</hashTree>");
        x.line(0, "</jmeterTestPlan>");
        return x.toString();
    }

    private static void sampler(X x, Step s) {
        x.open(4, "HTTPSamplerProxy", "HttpTestSampleGui", "HTTPSamplerProxy", s.name());
        x.prop(5, "string", "HTTPSampler.domain", s.origin().host());
        x.prop(5, "string", "HTTPSampler.port", String.valueOf(s.origin().port()));
        x.prop(5, "string", "HTTPSampler.protocol", s.origin().scheme());
        x.prop(5, "string", "HTTPSampler.path", s.target().raw());
        x.prop(5, "string", "HTTPSampler.method", s.method());
        x.prop(5, "string", "HTTPSampler.contentEncoding", "UTF-8");
        x.prop(5, "bool", "HTTPSampler.follow_redirects", "false");
        x.prop(5, "bool", "HTTPSampler.auto_redirects", "false");
        x.prop(5, "bool", "HTTPSampler.use_keepalive", "true");
        x.prop(5, "bool", "HTTPSampler.DO_MULTIPART_POST", "false");
        if (s.body().isPresent()) {
            x.prop(5, "bool", "HTTPSampler.postBodyRaw", "true");
            x.line(5, "<elementProp name=\"HTTPsampler.Arguments\" elementType=\"Arguments\">");
            x.line(6, "<collectionProp name=\"Arguments.arguments\">");
            x.line(7, "<elementProp name=\"\" elementType=\"HTTPArgument\">");
            x.prop(8, "bool", "HTTPArgument.always_encode", "false");
            x.prop(8, "string", "Argument.value", s.body().get().raw());
            x.prop(8, "string", "Argument.metadata", "=");
            x.line(7, "</elementProp>");
            x.line(6, "</collectionProp>");
            x.line(5, "</elementProp>");
        } else {
            x.line(
                    5,
                    "<elementProp name=\"HTTPsampler.Arguments\" elementType=\"Arguments\""
                            + " guiclass=\"HTTPArgumentsPanel\" testclass=\"Arguments\" testname=\"User Defined Variables\">");
            x.line(6, "<collectionProp name=\"Arguments.arguments\"/>");
            x.line(5, "</elementProp>");
        }
        x.line(4, "</HTTPSamplerProxy>");
        x.line(4, "<hashTree>");
        if (!s.headers().isEmpty()) {
            x.open(5, "HeaderManager", "HeaderPanel", "HeaderManager", "HTTP Header Manager");
            x.line(6, "<collectionProp name=\"HeaderManager.headers\">");
            for (Header h : s.headers()) {
                x.line(7, "<elementProp name=\"\" elementType=\"Header\">");
                x.prop(8, "string", "Header.name", h.name());
                x.prop(8, "string", "Header.value", h.value().raw());
                x.line(7, "</elementProp>");
            }
            x.line(6, "</collectionProp>");
            x.line(5, "</HeaderManager>");
            x.line(5, "<hashTree/>");
        }
        Think t = s.think();
        if (!t.isNone()) {
            String tag =
                    switch (t.kind()) {
                        case CONSTANT -> "ConstantTimer";
                        case UNIFORM -> "UniformRandomTimer";
                        case GAUSSIAN -> "GaussianRandomTimer";
                    };
            x.open(5, tag, tag + "Gui", tag, "think time");
            x.prop(6, "string", "ConstantTimer.delay", String.valueOf(t.base().toMillis()));
            if (t.kind() != Think.Kind.CONSTANT) {
                x.prop(
                        6,
                        "string",
                        "RandomTimer.range",
                        String.valueOf(t.spread().toMillis()));
            }
            x.line(5, "</" + tag + ">");
            x.line(5, "<hashTree/>");
        }
        for (Extraction e : s.extractions()) {
            if (e.kind() == Extraction.Kind.JSONPATH) {
                x.open(5, "JSONPostProcessor", "JSONPostProcessorGui", "JSONPostProcessor", "extract " + e.variable());
                x.prop(6, "string", "JSONPostProcessor.referenceNames", e.variable());
                x.prop(6, "string", "JSONPostProcessor.jsonPathExprs", e.expression());
                x.prop(6, "string", "JSONPostProcessor.match_numbers", "1");
                x.prop(6, "string", "JSONPostProcessor.defaultValues", "NOT_FOUND");
                x.line(5, "</JSONPostProcessor>");
            } else {
                x.open(5, "RegexExtractor", "RegexExtractorGui", "RegexExtractor", "extract " + e.variable());
                x.prop(6, "string", "RegexExtractor.useHeaders", "false");
                x.prop(6, "string", "RegexExtractor.refname", e.variable());
                x.prop(6, "string", "RegexExtractor.regex", e.expression());
                x.prop(6, "string", "RegexExtractor.template", "$1$");
                x.prop(6, "string", "RegexExtractor.default", "NOT_FOUND");
                x.prop(6, "string", "RegexExtractor.match_number", "1");
                x.line(5, "</RegexExtractor>");
            }
            x.line(5, "<hashTree/>");
        }
        x.line(4, "</hashTree>");
    }

    private static void arguments(X x, int depth, Map<String, String> vars) {
        if (vars.isEmpty()) {
            x.line(depth, "<collectionProp name=\"Arguments.arguments\"/>");
            return;
        }
        x.line(depth, "<collectionProp name=\"Arguments.arguments\">");
        vars.forEach((k, v) -> {
            x.line(depth + 1, "<elementProp name=\"" + X.escape(k) + "\" elementType=\"Argument\">");
            x.prop(depth + 2, "string", "Argument.name", k);
            x.prop(depth + 2, "string", "Argument.value", v);
            x.prop(depth + 2, "string", "Argument.metadata", "=");
            x.line(depth + 1, "</elementProp>");
        });
        x.line(depth, "</collectionProp>");
    }

    /** An indented XML text builder. */
    private static final class X {
        private final StringBuilder sb = new StringBuilder(4096);

        void line(int depth, String text) {
            sb.append("  ".repeat(depth)).append(text).append('\n');
        }

        void open(int depth, String tag, String gui, String testClass, String name) {
            line(
                    depth,
                    "<" + tag + " guiclass=\"" + gui + "\" testclass=\"" + testClass + "\" testname=\"" + escape(name)
                            + "\" enabled=\"true\">");
        }

        void prop(int depth, String type, String name, String value) {
            line(depth, "<" + type + "Prop name=\"" + escape(name) + "\">" + escape(value) + "</" + type + "Prop>");
        }

        static String escape(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\r' -> out.append("&#13;");
                    case '\n' -> out.append("&#10;");
                    case '\t' -> out.append("&#9;");
                    default -> {
                        if (c >= 0x20) {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
