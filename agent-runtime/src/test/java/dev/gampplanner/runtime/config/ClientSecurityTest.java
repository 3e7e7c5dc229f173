package dev.gampplanner.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSecurityTest {

    @Test
    void withoutCredentialsClientsKeepThePassThroughSettings() {
        GampConfig config = GampConfig.fromEnvironment(Map.of("KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL"));
        assertThat(config.clientSecurity().clientProperties()).isEmpty();
        assertThat(config.clientOverrides()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void thePasswordComesFromItsFileWithoutTheFinalLineBreakAndQuotesAreEscaped(@TempDir Path dir) throws Exception {
        Path password = Files.writeString(dir.resolve("planner.password"), "se\"cr\\et\n");
        Path trust = Files.writeString(dir.resolve("trust.p12"), "not read here");
        ClientSecurity security = GampConfig.fromEnvironment(Map.of("KAFKA_SASL_USERNAME", "planner",
            "KAFKA_SASL_PASSWORD_FILE", password.toString(), "KAFKA_SSL_TRUSTSTORE_LOCATION", trust.toString(),
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "t")).clientSecurity();
        assertThat(security.credentials()).contains(new ClientSecurity.Credentials("planner", "se\"cr\\et"));
        assertThat(security.clientProperties())
            .containsEntry("security.protocol", "SASL_SSL")
            .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
            .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"planner\" password=\"se\\\"cr\\\\et\";")
            .containsEntry("ssl.truststore.location", trust.toAbsolutePath().toString());
        assertThat(security.toString()).doesNotContain("se\"cr");
    }

    @Test
    void halfGivenOrDoublyGivenCredentialsAreRefusedTogether(@TempDir Path dir) throws Exception {
        Path password = Files.writeString(dir.resolve("p"), "x");
        assertThatThrownBy(() -> GampConfig.fromEnvironment(Map.of("KAFKA_SASL_USERNAME", "planner")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("KAFKA_SASL_USERNAME needs KAFKA_SASL_PASSWORD");
        assertThatThrownBy(() -> GampConfig.fromEnvironment(Map.of("KAFKA_SASL_USERNAME", "planner",
                "KAFKA_SASL_PASSWORD", "x", "KAFKA_SASL_PASSWORD_FILE", password.toString(),
                "KAFKA_SSL_TRUSTSTORE_LOCATION", dir.resolve("missing.p12").toString())))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both")
            .hasMessageContaining("KAFKA_SSL_TRUSTSTORE_LOCATION: no readable file");
    }
}
