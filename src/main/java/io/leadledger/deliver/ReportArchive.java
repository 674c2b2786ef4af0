package io.leadledger.deliver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The report files e-mailed for a tenant's month, kept in the warehouse (table report_archive) under
 * the figures version they show, from the moment a delivery of them is created. A pending e-mail is
 * retried from here, so it does not depend on the output folder still holding the files.
 */
@Repository
public class ReportArchive {

    private static final Logger log = LoggerFactory.getLogger(ReportArchive.class);

    private final JdbcTemplate jdbc;

    public ReportArchive(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps each file under (tenant, month, version, file name) unless already kept. */
    public void keep(String tenant, String month, String version, List<Path> files, Instant now) {
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (get(tenant, month, version, name).isPresent()) {
                continue;
            }
            byte[] content;
            try {
                content = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot archive " + f.toAbsolutePath() + " for e-mailing: " + e.getMessage(), e);
            }
            try {
                jdbc.update("INSERT INTO report_archive (tenant, report_month, version, file_name, content, created_at) "
                        + "VALUES (?,?,?,?,?,?)", tenant, month, version, name, content,
                        Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC).withNano(0)));
            } catch (DuplicateKeyException e) {
                // another process kept the same file of the same figures first
            } catch (DataAccessException e) {
                // e.g. larger than MariaDB's max_allowed_packet: the e-mail still goes out, a retry needs the file in out/
                log.warn("{} not kept in the report archive ({}); a retry of its e-mails reads it from {}", name,
                        e.getMostSpecificCause().getMessage(), f.toAbsolutePath());
            }
        }
    }

    /** One kept file, without its content. */
    public record Kept(String month, String version, String fileName, long size, Instant createdAt) {
    }

    /** The tenant's kept files, newest month first (the console's report archive). */
    public List<Kept> list(String tenant) {
        return jdbc.query("SELECT report_month, version, file_name, OCTET_LENGTH(content), created_at FROM report_archive "
                + "WHERE tenant = ? ORDER BY report_month DESC, created_at DESC, file_name", (rs, i) -> new Kept(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getLong(4), rs.getTimestamp(5).toLocalDateTime().toInstant(ZoneOffset.UTC)),
                tenant);
    }

    public Optional<byte[]> get(String tenant, String month, String version, String fileName) {
        return jdbc.query("SELECT content FROM report_archive WHERE tenant = ? AND report_month = ? AND version = ? "
                + "AND file_name = ?", (rs, i) -> rs.getBytes(1), tenant, month, version, fileName).stream().findFirst();
    }
}
