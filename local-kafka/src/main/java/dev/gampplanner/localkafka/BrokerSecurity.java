package dev.gampplanner.localkafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A secured broker: SASL/SCRAM-SHA-512 on the client and the controller listener, the standard
 * authorizer denying whatever no ACL allows, and one super user, the admin. Brokers and controllers
 * authenticate to each other as the admin, so no listener ever needs {@code User:ANONYMOUS}.
 *
 * @param adminUser the only super user; its SCRAM credential is written when the storage is formatted,
 *     because nobody can authenticate before the first credential exists
 * @param adminPassword the admin's password
 * @param tls TLS on both listeners, or empty for SASL over plain TCP
 */
public record BrokerSecurity(String adminUser, String adminPassword, Optional<Tls> tls) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    /** What controllers of a quorum of several authenticate to each other with (see {@link #brokerProperties}). */
    static final String QUORUM_MECHANISM = "PLAIN";
    /** What the storage tool's {@code --add-scram} and a JAAS line can carry without quoting. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~!@#$%^&*()+:;?/|-]+");

    /**
     * Key and trust material in PKCS12 files. The broker's certificate must name 127.0.0.1 (clients check it),
     * and the trust store is what brokers trust when they connect to each other.
     */
    public record Tls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {
        public Tls {
            keyStore = keyStore.toAbsolutePath();
            trustStore = trustStore.toAbsolutePath();
        }
    }

    public BrokerSecurity {
        requireSafe("admin user", adminUser);
        requireSafe("admin password", adminPassword);
        tls = tls == null ? Optional.empty() : tls;
    }

    public static BrokerSecurity scram(String adminUser, String adminPassword) {
        return new BrokerSecurity(adminUser, adminPassword, Optional.empty());
    }

    public BrokerSecurity withTls(Tls material) {
        return new BrokerSecurity(adminUser, adminPassword, Optional.of(material));
    }

    /** SASL_SSL with TLS, SASL_PLAINTEXT without. */
    public String protocol() {
        return tls.isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT";
    }

    /** The storage tool's argument that creates the admin's credential. */
    String scramCredentialArgument() {
        return MECHANISM + "=[name=" + adminUser + ",password=" + adminPassword + "]";
    }

    /**
     * Broker properties for the named client and controller listeners.
     *
     * @param quorumOfSeveral more than one voter: controllers must authenticate to each other before they have
     *     elected a leader, when no SCRAM credential is loaded yet (credentials live in the metadata log). Their
     *     controller listener then also accepts PLAIN, checked against the admin's password in the node's own
     *     configuration, and the nodes use it among themselves; SCRAM stays on for every other client.
     */
    Map<String, String> brokerProperties(String clientListener, String controllerListener, boolean quorumOfSeveral) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listener.security.protocol.map", clientListener + ":" + protocol() + "," + controllerListener + ":" + protocol());
        config.put("sasl.enabled.mechanisms", MECHANISM);
        config.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        config.put("sasl.mechanism.controller.protocol", quorumOfSeveral ? QUORUM_MECHANISM : MECHANISM);
        for (String listener : new String[] {clientListener, controllerListener}) {
            config.put(listenerPrefix(listener) + MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config", jaas(adminUser, adminPassword));
        }
        if (quorumOfSeveral) {
            config.put(listenerPrefix(controllerListener) + "sasl.enabled.mechanisms", MECHANISM + "," + QUORUM_MECHANISM);
            config.put(listenerPrefix(controllerListener) + QUORUM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + adminUser + "\" password=\""
                    + adminPassword + "\" user_" + adminUser + "=\"" + adminPassword + "\";");
        }
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", "User:" + adminUser);
        tls.ifPresent(material -> {
            config.put("ssl.keystore.type", "PKCS12");
            config.put("ssl.keystore.location", material.keyStore().toString());
            config.put("ssl.keystore.password", material.keyStorePassword());
            config.put("ssl.key.password", material.keyStorePassword());
            config.put("ssl.truststore.type", "PKCS12");
            config.put("ssl.truststore.location", material.trustStore().toString());
            config.put("ssl.truststore.password", material.trustStorePassword());
        });
        return config;
    }

    /** What a client needs to connect as {@code user}; the admin's own clients pass the admin's credentials. */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", protocol());
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", jaas(user, password));
        tls.ifPresent(material -> {
            props.put("ssl.truststore.type", "PKCS12");
            props.put("ssl.truststore.location", material.trustStore().toString());
            props.put("ssl.truststore.password", material.trustStorePassword());
        });
        return props;
    }

    public Map<String, Object> adminClientProperties() {
        return clientProperties(adminUser, adminPassword);
    }

    private static String listenerPrefix(String listener) {
        return "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
            + "\" password=\"" + password + "\";";
    }

    private static void requireSafe(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("the broker's " + what + " must be non-empty and use only letters, digits and "
                + "._~!@#$%^&*()+:;?/|- (no quotes, commas, '=', ']' or spaces)");
        }
    }

    @Override
    public String toString() {
        return "BrokerSecurity[" + MECHANISM + ", admin " + adminUser + ", " + protocol() + "]";
    }
}
