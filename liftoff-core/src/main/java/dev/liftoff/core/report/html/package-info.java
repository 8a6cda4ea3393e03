/**
 * Self-contained HTML reports: one file with inline CSS and inline SVG charts, readable offline and in any browser
 * (no scripts, no fonts or libraries from the network). {@link dev.liftoff.core.report.html.HtmlPage} assembles a page
 * from headings, paragraphs, {@link dev.liftoff.core.report.html.HtmlTable tables} and
 * {@link dev.liftoff.core.report.html.LineChart charts}; {@link dev.liftoff.core.report.html.Html} escapes text.
 */
package dev.liftoff.core.report.html;
