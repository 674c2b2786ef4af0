package io.leadledger.report;

import io.leadledger.jobs.AttributionSettings.UShapedWeights;
import io.leadledger.jobs.AttributionSettings;
import io.leadledger.jobs.TenantSettings;
import io.leadledger.report.figures.AttributionModels;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports name the tenant's configured default model and describe its configured weights. */
class AttributionModelTextsTest {

    @Test
    void theDefaultModelAndWeightsComeFromTheTenantsConfiguration() {
        AttributionSettings settings = new AttributionSettings("u_shaped",
                new UShapedWeights(null, null, null, "marketo-measure"), 3.5);
        TenantSettings tenant = new TenantSettings("acme", "Acme", "USD", "UTC", 14, Map.of(), settings);
        assertThat(AttributionModels.defaultModel(tenant)).isEqualTo("u_shaped");
        assertThat(AttributionModels.defaultModel(new TenantSettings("acme", "Acme", "USD", "UTC", 14, Map.of())))
                .isEqualTo("first_touch");
        assertThat(AttributionModels.weights("u_shaped", settings))
                .isEqualTo("50% first touch, 0% shared by the touches between, 50% the lead-creation touch.");
        assertThat(AttributionModels.weights("time_decay", settings))
                .isEqualTo("More credit to touches closer to the close: a touch's weight halves every 3.5 days back from the close date.");
        assertThat(AttributionModels.weights("u_shaped"))
                .isEqualTo("40% first touch, 20% shared by the touches between, 40% the lead-creation touch.");
        assertThat(AttributionModels.weights("last_touch")).isEqualTo("100% to the last touch on or before the close date.");
    }
}
