package dev.gampplanner.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentMode;

/** The LLM settings: defaults, GAMP_MODE for all, per-agent overrides, the key from a file, and every mistake reported. */
class ModelSettingsTest {

    @Test
    void deterministicByDefaultWithDocumentedDefaults() {
        ModelSettings model = GampConfig.fromEnvironment(Map.of()).model(AgentKind.SME);
        assertThat(model.mode()).isEqualTo(AgentMode.DETERMINISTIC);
        assertThat(model.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(model.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(model.temperature()).isZero();
        assertThat(model.maxTokens()).isEqualTo(4096);
        assertThat(model.concurrency()).isEqualTo(8);
        assertThat(model.maxCalls()).isEqualTo(4);
        assertThat(model.apiKey()).isEmpty();
    }

    @Test
    void gampModeSetsEveryAgentAndAPerAgentSettingOverridesIt() {
        GampConfig config = GampConfig.fromEnvironment(Map.of("GAMP_MODE", "llm", "GAMP_LLM_MODEL", "gpt-4o-mini",
            "GAMP_RESEARCH_MODE", "deterministic", "GAMP_SME_LLM_MODEL", "local-model", "GAMP_SME_LLM_BASE_URL", "http://127.0.0.1:8000/v1/",
            "GAMP_SME_LLM_CONCURRENCY", "2", "GAMP_LLM_TEMPERATURE", "0.2"));
        assertThat(config.model(AgentKind.CONTEXT).llm()).isTrue();
        assertThat(config.model(AgentKind.CONTEXT).model()).isEqualTo("gpt-4o-mini");
        assertThat(config.model(AgentKind.RESEARCH).llm()).isFalse();
        ModelSettings sme = config.model(AgentKind.SME);
        assertThat(sme.model()).isEqualTo("local-model");
        assertThat(sme.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(sme.concurrency()).isEqualTo(2);
        assertThat(sme.temperature()).isEqualTo(0.2);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void theKeyComesFromItsFileAndIsNeverPrinted(@TempDir Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("key"), "sk-secret-value\n");
        ModelSettings model = GampConfig.fromEnvironment(Map.of("GAMP_LLM_API_KEY_FILE", key.toString())).model(AgentKind.CONTEXT);
        assertThat(model.apiKey()).isEqualTo("sk-secret-value");
        assertThat(model.toString()).doesNotContain("sk-secret-value").contains("apiKey=(set)");
        assertThat(Setting.LLM_API_KEY.secret()).isTrue();
        assertThat(GampConfig.fromEnvironment(Map.of("GAMP_LLM_API_KEY", "shared", "GAMP_SME_LLM_API_KEY", "own"))
            .model(AgentKind.SME).apiKey()).isEqualTo("own");
    }

    @Test
    void everyMistakeIsReportedTogether() {
        assertThatThrownBy(() -> GampConfig.fromEnvironment(Map.of("GAMP_MODE", "llm", "GAMP_LLM_BASE_URL", "ftp://host",
                "GAMP_SME_MODE", "clever", "GAMP_LLM_TEMPERATURE", "3", "GAMP_LLM_API_KEY", "k", "GAMP_LLM_API_KEY_FILE", "/nope")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("names no model: set GAMP_LLM_MODEL or GAMP_CONTEXT_LLM_MODEL")
            .hasMessageContaining("GAMP_LLM_BASE_URL: must be an http or https URL")
            .hasMessageContaining("GAMP_SME_MODE: must be deterministic or llm, got 'clever'")
            .hasMessageContaining("GAMP_LLM_TEMPERATURE: must be between 0 and 2")
            .hasMessageContaining("set GAMP_LLM_API_KEY or GAMP_LLM_API_KEY_FILE, not both");
    }
}
