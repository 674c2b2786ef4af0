package io.leadledger.support;

import io.leadledger.cli.Cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a command line against a warehouse's application context, as CliTest does. */
public final class CliDriver {

    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    private CliDriver() {
    }

    public static Result run(TestWarehouse w, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = w.bean(Cli.class).execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
