package io.leadledger.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The attribution: section of jobs/leadledger.yml, and the errors a mistake in it gives. */
class AttributionSettingsTest {

    @TempDir
    Path dir;

    AttributionSettings load(String attribution) throws Exception {
        Files.writeString(dir.resolve("leadledger.yml"), "tenant:\n  id: acme\n" + attribution);
        Files.writeString(dir.resolve("nightly-sync.yml"), """
                sources:
                  - name: leads
                    kind: leads
                    files: leads.csv
                    columns: { id: Id, createdAt: Created }
                """);
        return Workspace.load(dir).tenant().attribution();
    }

    @Test
    void withoutTheSectionFirstTouchAndTheDefaults() throws Exception {
        AttributionSettings a = load("");
        assertThat(a.defaultModel()).isEqualTo("first_touch");
        assertThat(a.uShaped().first()).isEqualByComparingTo("0.4");
        assertThat(a.uShaped().leadCreation()).isEqualByComparingTo("0.4");
        assertThat(a.uShaped().middle()).isEqualByComparingTo("0.2");
        assertThat(a.timeDecayHalfLifeDays()).isEqualTo(7.0);
    }

    @Test
    void weightsPresetsAndHalfLife() throws Exception {
        AttributionSettings a = load("""
                attribution:
                  defaultModel: markov
                  uShaped: { first: 0.3, leadCreation: 0.5, middle: 0.2 }
                  timeDecayHalfLifeDays: 3.5
                """);
        assertThat(a.defaultModel()).isEqualTo("markov");
        assertThat(a.uShaped().first()).isEqualByComparingTo("0.3");
        assertThat(a.uShaped().leadCreation()).isEqualByComparingTo("0.5");
        assertThat(a.timeDecayHalfLifeDays()).isEqualTo(3.5);
        AttributionSettings mm = load("attribution:\n  uShaped: { preset: marketo-measure }\n");
        assertThat(mm.uShaped().first()).isEqualByComparingTo("0.5");
        assertThat(mm.uShaped().leadCreation()).isEqualByComparingTo("0.5");
        assertThat(mm.uShaped().middle()).isEqualByComparingTo("0");
        // 0.1 + 0.2 + 0.7 is not exactly 1 in binary floating point, and is accepted
        assertThat(load("attribution:\n  uShaped: { first: 0.1, leadCreation: 0.2, middle: 0.7 }\n").uShaped().middle())
                .isEqualByComparingTo("0.7");
    }

    @Test
    void mistakesNameTheFileAndTheSetting() {
        assertThatThrownBy(() -> load("attribution:\n  defaultModel: last_click\n"))
                .isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("leadledger.yml (attribution): defaultModel: unknown model 'last_click'")
                .hasMessageContaining("first_touch, last_touch, linear, u_shaped, w_shaped, full_path, time_decay, markov");
        assertThatThrownBy(() -> load("attribution:\n  uShaped: { first: 0.4, leadCreation: 0.4, middle: 0.4 }\n"))
                .isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("leadledger.yml (attribution): uShaped: first + leadCreation + middle must add up to 1, they add up to 1.2");
        assertThatThrownBy(() -> load("attribution:\n  uShaped: { preset: bizible }\n"))
                .hasMessageContaining("unknown preset 'bizible'");
        assertThatThrownBy(() -> load("attribution:\n  uShaped: { first: 0.5, leadCreation: 0.5 }\n"))
                .hasMessageContaining("give all three weights");
        assertThatThrownBy(() -> load("attribution:\n  timeDecayHalfLifeDays: 0\n"))
                .hasMessageContaining("timeDecayHalfLifeDays must be a positive number of days");
        assertThatThrownBy(() -> load("attribution:\n  halfLife: 7\n"))
                .isInstanceOf(JobsConfigException.class)
                .hasMessageContaining("unknown setting 'attribution.halfLife' in ").hasMessageContaining("leadledger.yml");
    }
}
