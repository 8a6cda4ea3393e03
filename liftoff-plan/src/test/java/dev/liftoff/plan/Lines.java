package dev.liftoff.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.plan.pricing.LineItem;
import java.math.BigDecimal;
import java.util.List;

/** Finds and checks plan lines by side, app and component. */
final class Lines {
    private final PlanResult result;

    Lines(PlanResult result) {
        this.result = result;
    }

    /** The one line of this side, app and component. */
    LineItem get(String option, String app, String component) {
        List<LineItem> found = result.items().stream()
                .filter(i -> i.option().equals(option)
                        && i.app().equals(app)
                        && i.component().equals(component))
                .toList();
        assertThat(found)
                .as("lines of %s / %s / %s in %s", option, app, component, result.items())
                .hasSize(1);
        return found.get(0);
    }

    /** Checks a line's monthly amount (cents), its quantity and that its basis says the arithmetic. */
    LineItem check(String option, String app, String component, String monthly, String quantity, String basis) {
        LineItem i = get(option, app, component);
        assertThat(i.monthlyUsd()).as("monthly of %s", i.name()).isEqualByComparingTo(monthly);
        assertThat(i.quantity()).as("quantity of %s", i.name()).isEqualByComparingTo(quantity);
        assertThat(i.basis()).as("basis of %s", i.name()).contains(basis);
        return i;
    }

    /** The exact sum of one side's rounded lines, which may differ from the total by cents of rounding. */
    BigDecimal sum(String option) {
        return result.items().stream()
                .filter(i -> i.option().equals(option))
                .map(LineItem::monthlyUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    long count(String option, String app) {
        return result.items().stream()
                .filter(i -> i.option().equals(option) && i.app().equals(app))
                .count();
    }
}
