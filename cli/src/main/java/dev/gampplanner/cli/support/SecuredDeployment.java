package dev.gampplanner.cli.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.lifecycle.ServiceHost;
import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.runtime.topics.TopicProvisioner;

/**
 * A deployment on a secured broker, set up as an operator does it: the administrator creates the topics, the
 * users and their ACLs ({@link AccessSetup}) and the signing keys ({@link ServiceKeys}); then every role runs on
 * its own principal, with its own password file and signing key.
 */
public final class SecuredDeployment {

    private final GampConfig admin;
    private final TopicAccess access;
    private final Path credentials;
    private final ServiceKeys keys;

    /** What the setup made: ACLs granted and signing keys published. */
    public record Applied(int acls, int keys) {
    }

    private SecuredDeployment(GampConfig admin, Path credentials) {
        this.admin = admin;
        this.access = new TopicAccess(admin.topics());
        this.credentials = credentials;
        this.keys = new ServiceKeys(admin, access, credentials);
    }

    /** Creates the topics, users, ACLs and keys as the administrator {@code admin}, keeping the secrets in {@code credentials}. */
    public static SecuredDeployment apply(GampConfig admin, Path credentials, Consumer<Applied> report) {
        SecuredDeployment deployment = new SecuredDeployment(admin, credentials);
        int acls = 0;
        try (Admin client = KafkaClients.admin(admin)) {
            new TopicProvisioner(client, admin).apply();
            for (AccessSetup.RoleReport role : new AccessSetup(client, deployment.access, credentials).apply(false)) {
                acls += role.granted().size() + role.kept().size();
            }
        }
        int keys = (int) deployment.keys.apply(false).stream()
            .filter(ServiceKeys.KeyReport::published).count();
        report.accept(new Applied(acls, keys));
        return deployment;
    }

    /** The configuration of {@code role}: its user, its password file and, for every role that writes, its signing key. */
    public GampConfig as(Role role) {
        // A password of the surrounding environment would clash with the role's password file.
        Map<String, String> own = new HashMap<>(Map.of(Setting.SASL_USERNAME.variable(), access.userName(role),
            Setting.SASL_PASSWORD.variable(), "",
            Setting.SASL_PASSWORD.fileVariable(), AccessSetup.passwordFile(credentials, access, role).toString()));
        if (role != Role.AUDITOR) {
            own.put(Setting.SIGNING_KEY_FILE.variable(), keys.keyFile(role).toString());
        }
        return admin.with(own);
    }

    /** Starts each service ({@code planner}, {@code context}, ...) on its own principal and key, in this process. */
    public AutoCloseable start(List<String> services) {
        List<ServiceHost> hosts = new ArrayList<>();
        try {
            for (String service : services) {
                GampConfig config = as(Role.valueOf(service.toUpperCase(Locale.ROOT)));
                hosts.add(new ServiceHost(config).start(ServiceCatalog.resolve(config, List.of(service))));
            }
        } catch (RuntimeException e) {
            hosts.forEach(ServiceHost::close);
            throw e;
        }
        return () -> hosts.forEach(ServiceHost::close);
    }
}
