package dev.liftoff.cli.migrate;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff migrate}: The whole move as one resumable runbook. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "The whole move as one resumable runbook, from liftoff.yaml.",
            "",
            "The whole move as one resumable runbook, described by liftoff.yaml: preflight, copy, live sync, verify,",
            "load test, cutover at the gateway within a write-freeze policy, report. Each step is journaled beside",
            "liftoff.yaml (liftoff.journal.jsonl), so a rerun resumes at the step it was in.",
            ""
        },
        footer = {
            "",
            "liftoff.yaml names URLs only by environment variable, never literally (they carry passwords):",
            "  source:",
            "    postgres: $${env:HEROKU_DATABASE_URL}",
            "    redis: $${env:HEROKU_REDIS_URL}          # optional; then on both ends",
            "  target:",
            "    postgres: $${env:RDS_DATABASE_URL}",
            "    redis: $${env:ELASTICACHE_URL}",
            "  gateway:",
            "    admin: http://127.0.0.1:9091",
            "    token_file: gateway.token             # relative to liftoff.yaml",
            "    new_upstream: http://new-platform:8080",
            "  loadtest:                               # optional",
            "    {scenario: checkout.har, rate: 300/s, duration: 60s, slo: 'p95<300ms,errors<1%%'}",
            "  cutover:                                # optional; the defaults",
            "    {mode: hold, max_write_freeze: 10s, wait_in_flight: 30s, max_lag: 2s, verify: before_switch}",
            "",
            "Examples:",
            "  liftoff migrate plan                 (steps and preflight findings for ./liftoff.yaml; changes nothing)",
            "  liftoff migrate run                  (resumes where an earlier run stopped)",
            "  liftoff migrate status prod.yaml --json -"
        },
        subcommands = {MigratePlanCommand.class, MigrateRunCommand.class, MigrateStatusCommand.class})
public final class MigrateCommand extends CommandGroup {}
