package io.leadledger.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Files matching a glob such as {@code exports/hubspot-*.csv}, relative to the working directory, sorted by name. */
final class FileGlob {

    private FileGlob() {
    }

    static List<Path> resolve(String glob) {
        String g = glob.replace('\\', '/');
        int wild = indexOfWildcard(g);
        if (wild < 0) {
            Path p = Path.of(g);
            return Files.isRegularFile(p) ? List.of(p) : List.of();
        }
        int slash = g.lastIndexOf('/', wild);
        Path base = slash < 0 ? Path.of(".") : Path.of(g.substring(0, slash + 1));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        String rest = slash < 0 ? g : g.substring(slash + 1);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        try (Stream<Path> s = Files.walk(base, depth)) {
            return s.filter(Files::isRegularFile).filter(p -> m.matches(base.relativize(p)))
                    .map(p -> slash < 0 ? base.relativize(p) : p).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOfWildcard(String g) {
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
