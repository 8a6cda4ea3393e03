package dev.liftoff.loadtest.report;

import java.util.List;

/** Whether every SLO check held, and each check's figures. */
public record SloResult(boolean passed, List<CheckResult> checks) {
    public SloResult {
        checks = List.copyOf(checks);
    }

    /** The broken checks, one per line-part, for the exit message. */
    public List<CheckResult> broken() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
