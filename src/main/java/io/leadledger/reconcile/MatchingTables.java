package io.leadledger.reconcile;

import io.leadledger.jobs.IdentitySettings;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.jobs.SyncDefinition;
import io.leadledger.jobs.TenantSettings;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tenant's identity settings as tables the reconcile SQL joins: identity_domain_alias and free_mail_domain
 * (the built-in list in matching/free-mail-domains.txt plus identity.freeMailDomains). Rewritten at the start of
 * every reconcile, in its transaction, so the rules in force are always those of the run.
 */
@Component
public class MatchingTables {

    static final String FREE_MAIL_RESOURCE = "matching/free-mail-domains.txt";

    private final JdbcTemplate jdbc;
    private final List<String> builtInFreeMail;

    public MatchingTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.builtInFreeMail = readList(FREE_MAIL_RESOURCE);
    }

    /** The built-in list followed by the tenant's own additions, each once. */
    public List<String> freeMailDomains(IdentitySettings identity) {
        Set<String> all = new LinkedHashSet<>(builtInFreeMail);
        all.addAll(identity.freeMailDomains());
        return List.copyOf(all);
    }

    public void write(TenantSettings tenant) {
        String t = tenant.id();
        jdbc.update("DELETE FROM identity_domain_alias WHERE tenant = ?", t);
        jdbc.update("DELETE FROM free_mail_domain WHERE tenant = ?", t);
        List<Object[]> aliases = new ArrayList<>();
        for (Map.Entry<String, String> e : tenant.identity().domainAliases().entrySet()) {
            aliases.add(new Object[] {t, e.getKey(), e.getValue()});
        }
        jdbc.batchUpdate("INSERT INTO identity_domain_alias (tenant, domain, canonical) VALUES (?,?,?)", aliases);
        List<Object[]> free = new ArrayList<>();
        for (String d : freeMailDomains(tenant.identity())) {
            free.add(new Object[] {t, d});
        }
        jdbc.batchUpdate("INSERT INTO free_mail_domain (tenant, domain) VALUES (?,?)", free);
    }

    /**
     * The sources' settings the reconcile SQL applies (source_setting, deal_lead_ref_source). Without a sync
     * definition (the benchmark) every source is at its defaults and no lead reference is scoped.
     */
    public void writeSources(TenantSettings tenant, SyncDefinition sync) {
        String t = tenant.id();
        jdbc.update("DELETE FROM source_setting WHERE tenant = ?", t);
        jdbc.update("DELETE FROM deal_lead_ref_source WHERE tenant = ?", t);
        if (sync == null) {
            return;
        }
        List<Object[]> settings = new ArrayList<>();
        for (SourceDefinition s : sync.sources()) {
            settings.add(new Object[] {t, s.name(), "createdAt".equals(s.mapping().handedAt()) ? 1 : 0,
                    s.mapping().spendFxDateOrDefault()});
        }
        jdbc.batchUpdate("INSERT INTO source_setting (tenant, source_name, handed_at_created, spend_fx_date) VALUES (?,?,?,?)",
                settings);
        List<Object[]> scopes = new ArrayList<>();
        sync.leadRefScopes().forEach((deal, leads) -> leads.forEach(l -> scopes.add(new Object[] {t, deal, l})));
        jdbc.batchUpdate("INSERT INTO deal_lead_ref_source (tenant, deal_source, lead_source) VALUES (?,?,?)", scopes);
    }

    static List<String> readList(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String d = line.strip().toLowerCase(Locale.ROOT);
                if (!d.isEmpty() && !d.startsWith("#")) {
                    out.add(d);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
