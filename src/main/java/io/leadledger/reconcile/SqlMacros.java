package io.leadledger.reconcile;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The macros of {@code sql/macros/*.sql} (dbt's idea, a small subset of its syntax): an expression written once,
 * {@code {% macro name(a, b) %} ... {{ a }} ... {% endmacro %}}, pasted where a script calls
 * {@code {{ name(x.col, y.col) }}}. Arguments are plain column references (no commas or parentheses inside).
 */
public record SqlMacros(Map<String, Macro> macros) {

    static final String LOCATION = "classpath*:sql/macros/*.sql";

    private static final Pattern DEFINITION = Pattern.compile(
            "\\{%\\s*macro\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*%}(.*?)\\{%\\s*endmacro\\s*%}", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*\\(([^()]*)\\)\\s*}}");
    private static final Pattern PARAMETER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    record Macro(String name, List<String> parameters, String body) {

        String expand(List<String> arguments) {
            if (arguments.size() != parameters.size()) {
                throw new IllegalArgumentException("macro " + name + " takes " + parameters + ", called with " + arguments);
            }
            Matcher m = PARAMETER.matcher(body);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int i = parameters.indexOf(m.group(1));
                if (i < 0) {
                    throw new IllegalStateException("macro " + name + " uses {{ " + m.group(1) + " }}, not a parameter");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(arguments.get(i)));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    /** The macros for a full rebuild: every scope macro is "1 = 1" ({@link #unscoped()}). */
    public static SqlMacros load() {
        return loadScoped().unscoped();
    }

    /** The macros as written, the scope macros reading the night's scope (an incremental night). */
    public static SqlMacros loadScoped() {
        Map<String, Macro> macros = new HashMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                Matcher m = DEFINITION.matcher(r.getContentAsString(StandardCharsets.UTF_8));
                while (m.find()) {
                    // one line: a body pasted into a statement keeps the statement's line structure
                    String body = m.group(3).strip().replaceAll("\\s*\\n\\s*", " ");
                    macros.put(m.group(1), new Macro(m.group(1), split(m.group(2)), body));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
        return new SqlMacros(Map.copyOf(macros));
    }

    /** The scope macros ({@code sql/macros/scope.sql}) as "1 = 1": a full rebuild reads every key. */
    public SqlMacros unscoped() {
        Map<String, Macro> m = new HashMap<>(macros);
        m.replaceAll((name, macro) -> name.endsWith("_scope") ? new Macro(name, macro.parameters(), "1 = 1") : macro);
        return new SqlMacros(Map.copyOf(m));
    }

    /** Whether the scope macros read the night's scope (false after {@link #unscoped()}). */
    public boolean scoped() {
        return macros.values().stream().anyMatch(m -> m.name().endsWith("_scope") && !m.body().equals("1 = 1"));
    }

    /** These macros and one more, written in Java (a body that differs per server). */
    public SqlMacros with(String name, List<String> parameters, String body) {
        Map<String, Macro> m = new HashMap<>(macros);
        m.put(name, new Macro(name, List.copyOf(parameters), body));
        return new SqlMacros(Map.copyOf(m));
    }

    /** The script with every macro call replaced by the macro's body (in parentheses: it is one expression). */
    public String expand(String script) {
        Matcher m = CALL.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Macro macro = macros.get(m.group(1));
            if (macro == null) {
                throw new IllegalArgumentException("no macro " + m.group(1) + " in " + LOCATION);
            }
            m.appendReplacement(out, Matcher.quoteReplacement("(" + macro.expand(split(m.group(2))) + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> split(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::strip).toList();
    }
}
