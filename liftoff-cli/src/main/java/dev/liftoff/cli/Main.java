package dev.liftoff.cli;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Redaction;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The {@code liftoff} executable. Failures become one line on standard error and an exit code here, and only here:
 * {@link ErrorCode} decides the code; {@code --verbose} adds the stack trace. Every line printed for a failure passes
 * through {@link Redaction} as a last guard against a driver that echoes a URL with its password.
 */
public final class Main {
    /** Exit code for a bug in liftoff itself: not the user's input nor their environment. */
    public static final int INTERNAL_ERROR = 4;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs one command line with the given streams and returns the exit code; used by tests too. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = commandLine(out, err);
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new LiftoffCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Help text is wrapped at about 105 columns in the sources; a terminal narrower than that still gets its own
        // width.
        cli.setUsageHelpWidth(110);
        cli.setUsageHelpAutoWidth(true);
        CommandSummaries.install(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine, err));
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            String path = cmd.getCommandSpec().qualifiedName();
            err.println(path + ": " + Redaction.maskUserInfo(e.getMessage()) + "; see '" + path + " --help'");
            return ErrorCode.USAGE.exitCode();
        });
        return cli;
    }

    private static int report(Exception e, CommandLine commandLine, PrintStream err) {
        boolean verbose = LiftoffCommand.verbose(commandLine);
        String path = commandLine.getCommandSpec().qualifiedName();
        int code;
        String message;
        if (e instanceof LiftoffException le) {
            code = le.code().exitCode();
            message = le.getMessage();
        } else if (e instanceof CommandLine.ParameterException pe) {
            code = ErrorCode.USAGE.exitCode();
            message = pe.getMessage() + "; see '" + path + " --help'";
        } else {
            code = INTERNAL_ERROR;
            message = "internal error: " + e + (verbose ? "" : "; rerun with --verbose and report the trace");
        }
        err.println(path + ": " + Redaction.maskUserInfo(message));
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(Redaction.maskUserInfo(trace.toString()));
        }
        err.flush();
        return code;
    }
}
