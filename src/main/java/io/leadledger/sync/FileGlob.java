package io.leadledger.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files matching a glob such as {@code exports/hubspot-*.csv}, relative to the working directory, sorted by name.
 * A symbolic link is read only when it leads to a file inside the folder the glob names (the part before its
 * first wildcard) or inside the working directory, unless {@code followSymlinks} allows any target: a link to a
 * system file must not be read as an export. A link that is passed over is logged by its own name only.
 */
public final class FileGlob {

    private static final Logger log = LoggerFactory.getLogger(FileGlob.class);

    private FileGlob() {
    }

    static List<Path> resolve(String glob) {
        return resolve(glob, false);
    }

    public static List<Path> resolve(String glob, boolean followSymlinks) {
        String g = glob.replace('\\', '/');
        int wild = indexOfWildcard(g);
        if (wild < 0) {
            Path p = Path.of(g);
            Path parent = p.toAbsolutePath().getParent();
            return Files.isRegularFile(p) && allowed(p, parent, followSymlinks) ? List.of(p) : List.of();
        }
        int slash = g.lastIndexOf('/', wild);
        Path base = slash < 0 ? Path.of(".") : Path.of(g.substring(0, slash + 1));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        String rest = slash < 0 ? g : g.substring(slash + 1);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        FileVisitOption[] options = followSymlinks ? new FileVisitOption[] {FileVisitOption.FOLLOW_LINKS}
                : new FileVisitOption[0];
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(base, depth, options)) {
            s.filter(Files::isRegularFile).filter(p -> m.matches(base.relativize(p)))
                    .filter(p -> allowed(p, base, followSymlinks))
                    .map(p -> slash < 0 ? base.relativize(p) : p).sorted().forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** A regular file, or a link whose target stays inside the glob's folder or the working directory. */
    private static boolean allowed(Path p, Path base, boolean followSymlinks) {
        if (followSymlinks) {
            return true;
        }
        try {
            Path target = p.toRealPath();
            if (target.equals(p.toAbsolutePath().normalize())) {
                return true; // no link on the way
            }
            if (target.startsWith(base.toRealPath()) || target.startsWith(Path.of("").toRealPath())) {
                return true;
            }
        } catch (IOException e) {
            // a dangling link: not a file to read
        }
        log.warn("{} is a symbolic link to a file outside {} and the working directory: not read (set followSymlinks:"
                + " true in jobs/nightly-sync.yml to allow it)", p, base);
        return false;
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
