package dev.gampplanner.runtime.config;

import java.nio.file.Files;
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

        static Optional<Store> read(EnvironmentReader env, Setting location, Setting password) {
            String file = env.text(location);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            if (!Files.isReadable(Path.of(file))) {
                env.problem(location.variable() + ": no readable file at " + file);
                return Optional.empty();
            }
            return Optional.of(new Store(Path.of(file).toAbsolutePath(), env.secret(password)));
        }

        @Override
        public String toString() {
            return "Store[" + location + "]";
        }
    }

    public static final ClientSecurity NONE = new ClientSecurity(Optional.empty(), Optional.empty());

    /** The client's credentials (KAFKA_SASL_*) and trust store (KAFKA_SSL_TRUSTSTORE_*). */
    static ClientSecurity read(EnvironmentReader env) {
        return new ClientSecurity(credentials(env),
            Store.read(env, Setting.SSL_TRUSTSTORE_LOCATION, Setting.SSL_TRUSTSTORE_PASSWORD));
    }

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

    private static Optional<Credentials> credentials(EnvironmentReader env) {
        String username = env.text(Setting.SASL_USERNAME);
        String password = env.secret(Setting.SASL_PASSWORD);
        if (username.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (username.isEmpty() || password.isEmpty()) {
            env.problem(username.isEmpty()
                ? Setting.SASL_PASSWORD.variable() + " is set but " + Setting.SASL_USERNAME.variable() + " is not"
                : Setting.SASL_USERNAME.variable() + " needs " + Setting.SASL_PASSWORD.variable() + " or "
                    + Setting.SASL_PASSWORD.fileVariable());
            return Optional.empty();
        }
        return Optional.of(new Credentials(username, password));
    }
}
