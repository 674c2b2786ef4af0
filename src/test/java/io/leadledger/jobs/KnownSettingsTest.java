package io.leadledger.jobs;

import org.junit.jupiter.api.Test;

import java.util.Map;

class KnownSettingsTest {
    @Test
    void print() {
        KnownSettings.files().forEach((f, s) -> System.out.println("FILE " + f + " " + KnownSettings.paths(s)));
    }
}
