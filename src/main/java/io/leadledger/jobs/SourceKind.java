package io.leadledger.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a source delivers; decides the staging table and the fields a mapping may name. */
public enum SourceKind {
    LEADS, DEALS, SPEND,
    /** A person's marketing interactions (campaign memberships, form fills, clicks): their journey's touches. */
    TOUCHES;

    @JsonCreator
    public static SourceKind parse(String value) {
        return SourceKind.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
