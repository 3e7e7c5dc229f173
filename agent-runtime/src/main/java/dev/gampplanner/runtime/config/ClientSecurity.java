package dev.gampplanner.runtime.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How this process's Kafka clients prove who they are and whom they trust: SCRAM-SHA-512 credentials, a
 * trust store for TLS, both or neither.
 */
public record ClientSecurity(Optional<Credentials> credentials, Optional<Store> trustStore) {

    public static final String MECHANISM = "SCRAM-SHA-512";

    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }

    /** A PKCS12 key or trust store. */
    public record Store(Path location, String password) {
        @Override
        public String toString() {
            return "Store[" + location + "]";
        }
    }

    public static final ClientSecurity NONE = new ClientSecurity(Optional.empty(), Optional.empty());

    public String protocol() {
        return (credentials.isPresent() ? "SASL_" : "") + (trustStore.isPresent() ? "SSL" : "PLAINTEXT");
    }

    /** Client properties; empty when neither is set, so KAFKA_CLIENT_* settings stay in charge. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        if (credentials.isEmpty() && trustStore.isEmpty()) {
            return props;
        }
        props.put("security.protocol", protocol());
        credentials.ifPresent(c -> {
            props.put("sasl.mechanism", MECHANISM);
            props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + quoted(c.username()) + "\" password=\"" + quoted(c.password()) + "\";");
        });
        trustStore.ifPresent(store -> {
            props.put("ssl.truststore.type", "PKCS12");
            props.put("ssl.truststore.location", store.location().toString());
            props.put("ssl.truststore.password", store.password());
        });
        return props;
    }

    /** A JAAS option value is a quoted string in which backslash escapes. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
