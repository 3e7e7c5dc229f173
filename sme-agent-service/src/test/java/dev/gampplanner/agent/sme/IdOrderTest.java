package dev.gampplanner.agent.sme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class IdOrderTest {

    @Test
    void digitRunsCompareByValue() {
        List<String> ids = List.of("P11-11.300", "P11-11.10B", "A11-17", "P11-11.100", "A11-4.8", "P11-11.10A", "A11-4",
            "A11-10", "P11-11.30", "A11-5");

        assertThat(ids.stream().sorted(IdOrder.NATURAL).toList()).containsExactly(
            "A11-4", "A11-4.8", "A11-5", "A11-10", "A11-17", "P11-11.10A", "P11-11.10B", "P11-11.30", "P11-11.100", "P11-11.300");
    }

    @Test
    void requirementIdsAndLocatorsSortAsWritten() {
        assertThat(List.of("URS-10", "URS-2", "3.10", "3.2", "URS-02").stream().sorted(IdOrder.NATURAL).toList())
            .containsExactly("3.2", "3.10", "URS-02", "URS-2", "URS-10");
    }
}
