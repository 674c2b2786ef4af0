package io.leadledger.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An agency's layout: one directory ({@code clients/}) with one sub-directory per client company, each a jobs/
 * directory of its own ({@code leadledger.yml}, {@code nightly-sync.yml}, {@code monthly-reports.yml}). A
 * directory that holds a {@code leadledger.yml} itself is one tenant, as before.
 */
public final class Clients {

    private Clients() {
    }

    /** A tenant directory that cannot be read: that tenant is left out, the others go ahead. */
    public record Broken(Path dir, String problem) {
    }

    /** The tenants read, in directory order, and the directories that could not be. */
    public record Loaded(List<Workspace> tenants, List<Broken> broken) {
    }

    /** Whether {@code dir} is a directory of tenants rather than one tenant's jobs/. */
    public static boolean isClients(Path dir) {
        return Files.isDirectory(dir) && !Files.exists(dir.resolve("leadledger.yml")) && !tenantDirs(dir).isEmpty();
    }

    /**
     * Every tenant of {@code dir}: itself when it is one tenant's jobs/, else each sub-directory with a
     * leadledger.yml. Two directories naming the same tenant id are both refused: a tenant's rows must never mix.
     */
    public static Loaded load(Path dir) {
        if (!isClients(dir)) {
            return new Loaded(List.of(Workspace.load(dir)), List.of());
        }
        List<Workspace> tenants = new ArrayList<>();
        List<Broken> broken = new ArrayList<>();
        for (Path sub : tenantDirs(dir)) {
            try {
                tenants.add(Workspace.load(sub));
            } catch (RuntimeException e) {
                broken.add(new Broken(sub, e.getMessage()));
            }
        }
        Map<String, List<Workspace>> byId = new HashMap<>();
        tenants.forEach(w -> byId.computeIfAbsent(w.tenant().id(), k -> new ArrayList<>()).add(w));
        byId.forEach((id, same) -> {
            if (same.size() > 1) {
                for (Workspace w : same) {
                    tenants.remove(w);
                    broken.add(new Broken(w.dir(), "tenant id '" + id + "' is also the id of " + same.stream()
                            .filter(o -> o != w).map(o -> o.dir().toString()).toList() + ": every tenant needs its own id"));
                }
            }
        });
        return new Loaded(List.copyOf(tenants), List.copyOf(broken));
    }

    private static List<Path> tenantDirs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p) && Files.exists(p.resolve("leadledger.yml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
