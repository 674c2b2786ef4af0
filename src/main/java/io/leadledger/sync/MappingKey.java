package io.leadledger.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.leadledger.jobs.SourceDefinition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;

/**
 * What a file's rows are read with: a hash of the source's mapping profile (columns, formats, defaultCurrency,
 * ...) and the tenant's time zone. With the content hash it decides whether a file was loaded before, so a
 * changed mapping re-reads an unchanged file.
 */
final class MappingKey {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private MappingKey() {
    }

    static String of(SourceDefinition source, ZoneId tenantZone) {
        try {
            String canonical = JSON.writeValueAsString(source.mapping()) + "|" + tenantZone.getId();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the mapping of source '" + source.name() + "'", e);
        }
    }
}
