package io.leadledger.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operations tenant ({@link OpsTenant}) with what the console's tests need on top: deal D4 (won, 5,000, October
 * 2026) whose contact carol@nowhere.test matches no lead, while lead L5 (Paid search) is carol@example.com, a
 * candidate by the contact's name; and leads whose Created cell holds markup or a formula, quarantined with it as
 * their raw value. Linking D4 to L5 raises October's won revenue of Paid search from 12,000 to 17,000.
 */
public final class ConsoleTenant {

    public static final String XSS = "<img src=x onerror=document.title='pwned'><script>document.title='pwned'</script>";
    public static final String FORMULA = "=HYPERLINK(\"http://evil.test\",\"click\")";
    public static final String DEAL_NAME = "<b>Carol's</b> renewal";

    private ConsoleTenant() {
    }

    public static Path write(Path dir, String tenant) throws IOException {
        Path jobs = OpsTenant.write(dir, tenant, "");
        Files.writeString(dir.resolve("leads.csv"), """
                Lead ID;E-mail;Created;Source;Campaign;MQL date
                L1;ann@example.com;03-10-2026 09:15;google cpc;Brand;04-10-2026 10:00
                L2;bob@example.com;05-10-2026 10:00;webinar;Oct webinar;06-10-2026 10:00
                L3;cy@example.com;07-10-2026 11:00;google cpc;Generic;
                L4;dan@example.com;09-09-2026 11:00;webinar;Sep webinar;10-09-2026 09:00
                L5;carol@example.com;08-10-2026 12:00;google cpc;Generic;09-10-2026 10:00
                L6;eve@example.com;%s;google cpc;Generic;
                L7;fay@example.com;%s;google cpc;Generic;
                """.formatted(XSS, FORMULA), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("deals.csv"), """
                Deal;Name;Contact;Value;Status;Closed
                D1;Ann's deal;ann@example.com;12000;Won;20-10-2026
                D2;Dan's deal;dan@example.com;3000;Won;25-09-2026
                D3;Bob's deal;bob@example.com;900;Open;30-12-2026
                D4;%s;carol@nowhere.test;5000;Won;15-10-2026
                """.formatted(DEAL_NAME), StandardCharsets.UTF_8);
        Path sync = jobs.resolve("nightly-sync.yml");
        Files.writeString(sync, Files.readString(sync).replace("columns: { id: Deal, email: Contact,",
                "columns: { id: Deal, name: Name, email: Contact,"));
        return jobs;
    }
}
