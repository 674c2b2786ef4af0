package io.leadledger.reconcile;

import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A classpath .sql file with its macro calls expanded ({@link SqlMacros}), split into statements (one per ';' at a
 * line end); '--' comment lines dropped. Not Spring's ScriptUtils: in Spring Framework 7 its splitting is no longer
 * public, and its executing methods run plain JDBC statements, without the named parameters (:tenant, ...) the
 * reconcile binds and times statement by statement.
 */
public record SqlScript(String name, List<String> statements) {

    public static SqlScript load(String path) {
        return load(path, SqlMacros.load());
    }

    public static SqlScript load(String path, SqlMacros macros) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            String text = macros.expand(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            for (String line : text.split("\n")) {
                String t = line.strip();
                if (t.startsWith("--") || t.isEmpty()) {
                    continue;
                }
                cur.append(line).append('\n');
                if (t.endsWith(";")) {
                    String s = cur.toString().strip();
                    out.add(s.substring(0, s.length() - 1));
                    cur.setLength(0);
                }
            }
            if (!cur.toString().isBlank()) {
                out.add(cur.toString().strip());
            }
            return new SqlScript(path, List.copyOf(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
