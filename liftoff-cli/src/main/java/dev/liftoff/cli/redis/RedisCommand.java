package dev.liftoff.cli.redis;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff redis}: Copy, live-sync and verify a Redis keyspace. */
@Command(
        name = "redis",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Copy, live-sync and verify a Redis keyspace.",
        subcommands = {})
public final class RedisCommand extends CommandGroup {}
