package io.leadledger.reconcile;

import io.leadledger.warehouse.Dialect;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.support.DatabaseType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every delete of an incremental night reaches MariaDB in the multi-table form driven from the scope (a
 * single-table DELETE with a subquery reads the tenant's whole table there), and H2 in the portable form.
 */
class ScopedDeleteTest {

    private final Dialect maria = new Dialect(DatabaseType.MYSQL, "5.5.5-10.11.6-MariaDB-0+deb12u1");
    private final Dialect h2 = new Dialect(DatabaseType.H2, "2.3.232 (2024-08-11)");

    @Test
    void everyScopedDeleteIsDrivenFromTheScopeOnMariaDb() {
        SqlMacros scoped = SqlMacros.loadScoped();
        List<String> deletes = Reconciler.INCREMENT.stream().filter(p -> !p.equals(Reconciler.ATTRIBUTION))
                .flatMap(p -> SqlScript.load(p, scoped).statements().stream())
                .filter(s -> s.startsWith("DELETE FROM") && s.contains("reconcile_scope_") && !s.contains("reconcile_scope_lead WHERE")
                        && !s.contains("reconcile_scope_record WHERE"))
                .toList();
        assertThat(deletes).hasSize(7); // int_lead_member, int_lead_domain, core_lead, core_unmatched_lead, outcome, stage, mart_lead
        assertThat(deletes).allSatisfy(d -> {
            assertThat(maria.scopedDelete(d)).startsWith("DELETE x FROM reconcile_scope_").contains(" JOIN ")
                    .endsWith("WHERE z.tenant = :tenant");
            assertThat(h2.scopedDelete(d)).isEqualTo(d);
        });
        assertThat(maria.scopedDelete(deletes.get(0))).isEqualTo("DELETE x FROM reconcile_scope_record z JOIN int_lead_member x"
                + " ON x.tenant = z.tenant AND x.source_name = z.source_name AND x.record_id = z.record_id WHERE z.tenant = :tenant");
    }

    @Test
    void anIncrementalNightRunsEveryScriptOfAFullRebuildInTheSameOrder() {
        List<String> full = java.util.stream.Stream.of(Reconciler.MATCHING_SCRIPTS, Reconciler.CORE_SCRIPTS,
                Reconciler.MART_SCRIPTS).flatMap(List::stream).toList();
        assertThat(full).noneMatch(p -> p.startsWith("sql/scope/"));
        assertThat(Reconciler.INCREMENT.stream().filter(p -> !p.startsWith("sql/scope/") && !p.equals(Reconciler.ATTRIBUTION)))
                .containsExactlyElementsOf(full);
        assertThat(Reconciler.INCREMENT.indexOf(Reconciler.ATTRIBUTION))
                .isEqualTo(Reconciler.INCREMENT.indexOf(Reconciler.CORE_SCRIPTS.get(Reconciler.CORE_SCRIPTS.size() - 1)) + 1);
    }

    @Test
    void aFullRebuildDeletesTheTenantWhole() {
        String d = SqlScript.load("sql/core/core_lead.sql", SqlMacros.load()).statements().get(0);
        assertThat(d).isEqualTo("DELETE FROM core_lead WHERE tenant = :tenant AND (1 = 1)");
        assertThat(maria.scopedDelete(d)).isEqualTo(d);
        assertThat(SqlMacros.load().scoped()).isFalse();
        assertThat(SqlMacros.loadScoped().scoped()).isTrue();
    }
}
