package io.leadledger.cli;

import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RawRecord;
import io.leadledger.extract.RecordSource;
import io.leadledger.extract.RecordSources;
import io.leadledger.extract.RowParser;
import io.leadledger.extract.RowRejectedException;
import io.leadledger.extract.api.ApiConnector;
import io.leadledger.extract.api.ApiConnectors;
import io.leadledger.extract.api.ApiRecord;
import io.leadledger.extract.Header;
import io.leadledger.jobs.JobsConfigException;
import io.leadledger.jobs.SourceDefinition;
import io.leadledger.jobs.Workspace;
import io.leadledger.sync.FileGlob;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `leadledger check SOURCE`: the first rows of a source as Leadledger reads them (its first file, or the first page
 * of its API), each row's mapped values or why it would be quarantined. Writes nothing anywhere.
 */
@Component
@Scope("prototype")
@Command(name = "check", description = "Show how a source of nightly-sync.yml reads: the first rows of its first file "
        + "(or the first page of its API) with their mapped values or the reason each would be quarantined. Writes nothing.")
public class CheckCommand implements Callable<Integer> {

    @Mixin
    JobsOption jobs;
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "SOURCE", description = "The source's name in nightly-sync.yml.")
    String sourceName;
    @Option(names = "--rows", defaultValue = "10", description = "Rows to show (default: ${DEFAULT-VALUE}).")
    int rows;

    private final ApiConnectors connectors;
    private final Clock clock;

    public CheckCommand(ApiConnectors connectors, Clock clock) {
        this.connectors = connectors;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Workspace ws = jobs.load();
        SourceDefinition source = ws.sync().sources().stream().filter(s -> s.name().equals(sourceName)).findFirst()
                .orElseThrow(() -> new JobsConfigException("no source '" + sourceName + "' in nightly-sync.yml (sources: "
                        + ws.sync().sources().stream().map(SourceDefinition::name).toList() + ")"));
        PrintWriter out = spec.commandLine().getOut();
        RowParser parser = RecordSources.parser(source, ws.tenant().zone());
        List<RawRecord> raw = new ArrayList<>();
        String where;
        if (source.isApi()) {
            ApiConnector c = connectors.connector(source);
            c.start(null, clock.instant(), null);
            List<ApiRecord> page = c.nextPage();
            Header header = Header.of(c.fields());
            where = source.api().location();
            long n = 0;
            for (ApiRecord r : page == null ? List.<ApiRecord>of() : page) {
                if (raw.size() == rows) {
                    break;
                }
                String[] cells = c.fields().stream().map(f -> r.fields().get(f)).toArray(String[]::new);
                raw.add(new RawRecord(where, ++n, header, cells));
            }
        } else {
            List<Path> files = FileGlob.resolve(source.files(), ws.sync().followSymlinks());
            if (files.isEmpty()) {
                throw new JobsConfigException("source '" + source.name() + "': no file matches '" + source.files() + "'");
            }
            where = files.get(0).toString();
            try (RecordSource records = RecordSources.open(source, files.get(0))) {
                for (RawRecord r; raw.size() < rows && (r = records.next()) != null; ) {
                    raw.add(r);
                }
            }
        }
        out.printf("%s (%s, %s): the first %d rows as read, nothing written%n", source.name(), source.kind().label(), where,
                raw.size());
        int rejected = 0;
        for (RawRecord r : raw) {
            try {
                ParsedRow p = parser.parse(r);
                out.printf("row %d: %s%n", r.rowNum(), p.value());
            } catch (RowRejectedException e) {
                rejected++;
                out.printf("row %d: QUARANTINED, %s '%s': %s%n", r.rowNum(), e.field(), e.rawValue(), e.getMessage());
            }
        }
        out.printf("%d rows: %d would load, %d would be quarantined%n", raw.size(), raw.size() - rejected, rejected);
        return Console.OK;
    }
}
