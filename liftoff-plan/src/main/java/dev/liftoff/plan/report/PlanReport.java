package dev.liftoff.plan.report;

import dev.liftoff.core.report.TextTable;
import dev.liftoff.plan.PlanResult;
import dev.liftoff.plan.pricing.AwsEstimate;
import dev.liftoff.plan.pricing.HerokuBill;
import dev.liftoff.plan.pricing.LineItem;
import dev.liftoff.plan.pricing.Money;
import dev.liftoff.plan.pricing.Price;
import dev.liftoff.plan.sizing.Sizer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The terminal and Markdown forms of a plan. Stateless. */
public final class PlanReport {
    private static final String[] SIDES = {HerokuBill.OPTION, Sizer.LIKE_FOR_LIKE, Sizer.RIGHT_SIZED};

    private PlanReport() {}

    /** The side-by-side table, totals, the recommended option's arithmetic and the assumptions, for a terminal. */
    public static String text(PlanResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(headline(r)).append("\n\n");
        TextTable table = TextTable.of("app", "component", "Heroku", "AWS like-for-like", "AWS right-sized")
                .rightAlign(2, 3, 4);
        for (Row row : rows(r)) {
            table.row(row.app, row.component, cell(row, 0), cell(row, 1), cell(row, 2));
        }
        table.row(
                "total",
                "",
                range(r.herokuMonthlyUsd(), r.herokuMonthlyMaxUsd()),
                range(r.awsLikeForLikeMonthlyUsd(), r.awsLikeForLikeMonthlyMaxUsd()),
                range(r.awsMonthlyUsd(), r.awsMonthlyMaxUsd()));
        sb.append(table.render()).append("\n\n");
        sb.append(summary(r)).append("\n\n");
        sb.append("How the recommended (").append(r.recommended()).append(") estimate adds up:\n");
        for (LineItem i : r.items(AwsEstimate.PLATFORM, r.recommended())) {
            sb.append("  ")
                    .append(i.app())
                    .append(": ")
                    .append(i.name())
                    .append(" = ")
                    .append(Money.format(i.monthlyUsd()))
                    .append("\n      ")
                    .append(i.basis())
                    .append('\n');
            if (!i.note().isEmpty()) {
                sb.append("      (").append(i.note()).append(")\n");
            }
        }
        sb.append("\nAssumptions:\n");
        r.assumptions().forEach(a -> sb.append("  - ").append(a).append('\n'));
        return sb.toString();
    }

    /** The whole report as Markdown. */
    public static String markdown(PlanResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Heroku → AWS: monthly cost, item by item\n\n");
        sb.append(headline(r)).append("\n\n");
        sb.append(summary(r)).append("\n\n");
        sb.append("## Side by side\n\n");
        sb.append("| app | component | Heroku | AWS like-for-like | AWS right-sized |\n|---|---|--:|--:|--:|\n");
        for (Row row : rows(r)) {
            sb.append("| ")
                    .append(md(row.app))
                    .append(" | ")
                    .append(md(row.component))
                    .append(" | ")
                    .append(cell(row, 0))
                    .append(" | ")
                    .append(cell(row, 1))
                    .append(" | ")
                    .append(cell(row, 2))
                    .append(" |\n");
        }
        sb.append("| **total** | | **")
                .append(range(r.herokuMonthlyUsd(), r.herokuMonthlyMaxUsd()))
                .append("** | **")
                .append(range(r.awsLikeForLikeMonthlyUsd(), r.awsLikeForLikeMonthlyMaxUsd()))
                .append("** | **")
                .append(range(r.awsMonthlyUsd(), r.awsMonthlyMaxUsd()))
                .append("** |\n\n");
        section(sb, "Heroku (current bill)", r.items(HerokuBill.PLATFORM, HerokuBill.OPTION));
        section(
                sb,
                "AWS, right-sized" + (r.recommended().equals(Sizer.RIGHT_SIZED) ? " (recommended)" : ""),
                r.items(AwsEstimate.PLATFORM, Sizer.RIGHT_SIZED));
        section(sb, "AWS, like-for-like", r.items(AwsEstimate.PLATFORM, Sizer.LIKE_FOR_LIKE));
        sb.append("## Assumptions\n\n");
        r.assumptions().forEach(a -> sb.append("- ").append(md(a)).append('\n'));
        sb.append("\n## Prices used\n\n| key | USD | per | source |\n|---|--:|---|---|\n");
        for (Price p : r.prices()) {
            sb.append("| `")
                    .append(p.key())
                    .append("` | ")
                    .append(p.usd().toPlainString())
                    .append(" | ")
                    .append(md(p.unit()))
                    .append(" | ")
                    .append(md(p.source()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<LineItem> items) {
        sb.append("## ").append(title).append("\n\n");
        sb.append("| app | item | quantity | unit $ | monthly $ | basis |\n|---|---|--:|--:|--:|---|\n");
        for (LineItem i : items) {
            sb.append("| ")
                    .append(md(i.app()))
                    .append(" | ")
                    .append(md(i.name()))
                    .append(" | ")
                    .append(i.quantity().toPlainString())
                    .append(' ')
                    .append(md(i.unit()))
                    .append(" | ")
                    .append(i.unitUsd().toPlainString())
                    .append(" | ")
                    .append(range(i.monthlyUsd(), i.monthlyMaxUsd()))
                    .append(" | ")
                    .append(md(i.basis()))
                    .append(i.note().isEmpty() ? "" : "<br>*" + md(i.note()) + "*")
                    .append(" |\n");
        }
        sb.append('\n');
    }

    private static String headline(PlanResult r) {
        long apps = r.items().stream().map(LineItem::app).distinct().count();
        return "Plan for " + apps + (apps == 1 ? " app" : " apps") + " in " + r.region() + " (" + r.arch() + ", "
                + r.network() + " subnets); prices " + r.pricesDated() + ".";
    }

    private static String summary(PlanResult r) {
        String heroku = "Heroku: " + range(r.herokuMonthlyUsd(), r.herokuMonthlyMaxUsd()) + " a month";
        String aws = "AWS " + r.recommended() + " (recommended): " + range(r.awsMonthlyUsd(), r.awsMonthlyMaxUsd())
                + " a month; like-for-like: "
                + range(r.awsLikeForLikeMonthlyUsd(), r.awsLikeForLikeMonthlyMaxUsd());
        String saves;
        if (r.herokuMonthlyUsd().signum() > 0) {
            BigDecimal pct = r.savingsMonthlyUsd()
                    .multiply(BigDecimal.valueOf(100))
                    .divide(r.herokuMonthlyUsd(), 0, RoundingMode.HALF_UP);
            saves = (r.savingsMonthlyUsd().signum() >= 0 ? "Saves " : "Costs ")
                    + Money.format(r.savingsMonthlyUsd().abs()) + " a month"
                    + (r.savingsMonthlyUsd().signum() >= 0 ? " (" + pct + "%)" : " more");
        } else {
            saves = "";
        }
        return heroku + "\n" + aws + (saves.isEmpty() ? "" : "\n" + saves);
    }

    /** A monthly amount, with the autoscaling maximum when there is one: {@code $100.00 … $300.00}. */
    static String range(BigDecimal usd, BigDecimal max) {
        return max.compareTo(usd) > 0 ? Money.format(usd) + " … " + Money.format(max) : Money.format(usd);
    }

    private static String cell(Row row, int side) {
        BigDecimal[] v = row.amounts.get(SIDES[side]);
        return v == null ? "—" : range(v[0], v[1]);
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private record Row(String app, String component, Map<String, BigDecimal[]> amounts) {}

    /** One row per app and component: apps in first-appearance order, each app's components likewise. */
    private static List<Row> rows(PlanResult r) {
        Map<String, Map<String, Row>> byApp = new LinkedHashMap<>();
        for (LineItem i : r.items()) {
            Row row = byApp.computeIfAbsent(i.app(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(i.component(), c -> new Row(i.app(), i.component(), new LinkedHashMap<>()));
            row.amounts.merge(i.option(), new BigDecimal[] {i.monthlyUsd(), i.monthlyMaxUsd()}, (a, b) ->
                    new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1])});
        }
        List<Row> rows = new ArrayList<>();
        byApp.values().forEach(m -> rows.addAll(m.values()));
        return rows;
    }
}
