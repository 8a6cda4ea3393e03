package dev.liftoff.loadtest.scenario;

import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small read-only XML tree that remembers the line each element starts on, so errors in a JMeter plan can name the
 * line. Parsed without DTDs or external entities.
 */
record XmlTree(String tag, Map<String, String> attributes, List<XmlTree> children, String text, int line) {
    static XmlTree parse(Path file) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            Deque<Builder> stack = new ArrayDeque<>();
            Builder root = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    Builder b = new Builder(r.getLocalName(), r.getLocation().getLineNumber());
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        b.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                    }
                    if (stack.isEmpty()) {
                        root = b;
                    } else {
                        stack.peek().children.add(b);
                    }
                    stack.push(b);
                } else if (event == XMLStreamReader.CHARACTERS || event == XMLStreamReader.CDATA) {
                    if (!stack.isEmpty()) {
                        stack.peek().text.append(r.getText());
                    }
                } else if (event == XMLStreamReader.END_ELEMENT) {
                    stack.pop();
                }
            }
            if (root == null) {
                throw LiftoffException.usage(file + ": no XML element found");
            }
            return root.build();
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            String msg = e.getMessage() == null
                    ? ""
                    : e.getMessage().replaceAll("(?s)^ParseError at \\[[^]]*]\\s*Message:\\s*", "");
            throw LiftoffException.usage(file + (line > 0 ? ":" + line : "") + ": not valid XML ("
                    + msg.strip().replace('\n', ' ') + ")");
        } catch (IOException e) {
            throw LiftoffException.usage(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    String attribute(String name) {
        return attributes.getOrDefault(name, "");
    }

    /** The first child with this tag. */
    Optional<XmlTree> child(String tag) {
        return children.stream().filter(c -> c.tag.equals(tag)).findFirst();
    }

    /** A JMeter property of this element ({@code stringProp}, {@code boolProp}, ... with {@code name}). */
    Optional<XmlTree> property(String name) {
        return children.stream()
                .filter(c -> c.tag.endsWith("Prop") && name.equals(c.attribute("name")))
                .findFirst();
    }

    /** A simple JMeter property's text, or {@code ""}. */
    String prop(String name) {
        return property(name).map(p -> p.text.strip()).orElse("");
    }

    /** A simple JMeter property's text exactly as written (bodies keep their whitespace), or {@code ""}. */
    String rawProp(String name) {
        return property(name).map(XmlTree::text).orElse("");
    }

    private static final class Builder {
        final String tag;
        final int line;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Builder> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String tag, int line) {
            this.tag = tag;
            this.line = line;
        }

        XmlTree build() {
            return new XmlTree(
                    tag,
                    Map.copyOf(attributes),
                    children.stream().map(Builder::build).toList(),
                    children.isEmpty() ? text.toString() : "",
                    line);
        }
    }
}
