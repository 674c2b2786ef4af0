package io.leadledger.reconcile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlMacrosTest {

    private final SqlMacros macros = SqlMacros.load();

    @Test
    void aCallIsReplacedByTheBodyWithTheArgumentsInOneLine() {
        assertThat(macros.expand("SELECT {{ ident_domain(y.email_norm, y.dom) }} AS d FROM y"))
                .isEqualTo("SELECT (CASE WHEN y.email_norm IS NULL THEN NULL WHEN :gmailDots = 1 AND y.dom = 'googlemail.com'"
                        + " THEN 'gmail.com' ELSE y.dom END) AS d FROM y");
    }

    @Test
    void anUnknownMacroOrAWrongNumberOfArgumentsIsAnError() {
        assertThatThrownBy(() -> macros.expand("SELECT {{ nope(a) }}")).hasMessageContaining("no macro nope");
        assertThatThrownBy(() -> macros.expand("SELECT {{ ident_key(a, b) }}")).hasMessageContaining("ident_key takes");
    }

    @Test
    void everyReconcileScriptLoadsWithItsMacrosExpanded() {
        List<String> statements = Stream.of(Reconciler.MATCHING_SCRIPTS, Reconciler.CORE_SCRIPTS, Reconciler.MART_SCRIPTS)
                .flatMap(List::stream).flatMap(p -> SqlScript.load(p, macros).statements().stream()).toList();
        assertThat(statements).noneMatch(s -> s.contains("{{") || s.contains("{%"));
        assertThat(statements).filteredOn(s -> s.contains("'@gmail.com'")).hasSize(5); // int_touch.sql too
    }
}
