package dev.gampplanner.cli.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;

import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.runtime.topics.TopicAccess;

/**
 * Gives every {@link Role} its SCRAM user and exactly the ACLs {@link TopicAccess} derives: missing ones are
 * granted, ones the catalog no longer derives are revoked, the rest are left as they are. Running it again
 * changes nothing.
 */
public final class AccessSetup {

    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration IN_EFFECT_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final TopicAccess access;
    private final Path credentials;

    /** @param credentials where each user's password file is kept (USER.password), created when missing */
    public AccessSetup(Admin admin, TopicAccess access, Path credentials) {
        this.admin = admin;
        this.access = access;
        this.credentials = credentials.toAbsolutePath();
    }

    /** What one role has, or would have, after the setup. */
    public record RoleReport(Role role, String user, boolean userExisted, Path passwordFile, List<AclBinding> granted,
                             List<AclBinding> kept, List<AclBinding> revoked) {
    }

    public Path passwordFile(Role role) {
        return passwordFile(credentials, access, role);
    }

    /** Where {@code role}'s password is kept in {@code credentials}: USER.password. */
    public static Path passwordFile(Path credentials, TopicAccess access, Role role) {
        return credentials.toAbsolutePath().resolve(access.userName(role) + ".password");
    }

    /** Brings users and ACLs to what the catalog derives; with {@code dryRun}, only reports what that would change. */
    public List<RoleReport> apply(boolean dryRun) {
        Set<String> users = await(admin.describeUserScramCredentials().all()).keySet();
        List<RoleReport> reports = new ArrayList<>();
        List<UserScramCredentialAlteration> passwords = new ArrayList<>();
        List<AclBinding> toGrant = new ArrayList<>();
        List<AclBindingFilter> toRevoke = new ArrayList<>();
        for (Role role : Role.values()) {
            String user = access.userName(role);
            if (!dryRun) {
                passwords.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), SecretFiles.readOrCreate(passwordFile(role))));
            }
            Set<AclBinding> wanted = new LinkedHashSet<>();
            access.grants(role).forEach(grant -> wanted.add(grant.binding(access.principal(role))));
            Collection<AclBinding> existing = await(admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(access.principal(role), null, AclOperation.ANY, AclPermissionType.ANY))).values());
            List<AclBinding> granted = wanted.stream().filter(b -> !existing.contains(b)).toList();
            List<AclBinding> kept = wanted.stream().filter(existing::contains).toList();
            List<AclBinding> revoked = existing.stream().filter(b -> !wanted.contains(b)).toList();
            toGrant.addAll(granted);
            revoked.forEach(b -> toRevoke.add(b.toFilter()));
            reports.add(new RoleReport(role, user, users.contains(user), passwordFile(role), granted, kept, revoked));
        }
        if (!dryRun) {
            await(admin.alterUserScramCredentials(passwords).all());
            if (!toGrant.isEmpty()) {
                await(admin.createAcls(toGrant).all());
            }
            if (!toRevoke.isEmpty()) {
                await(admin.deleteAcls(toRevoke).all());
            }
            awaitInEffect(reports);
        }
        return List.copyOf(reports);
    }

    /**
     * The controller has committed the changes when the calls return; the broker applies them a moment later. A
     * service started right after the setup must find its user and its ACLs.
     */
    private void awaitInEffect(List<RoleReport> reports) {
        Set<String> users = new LinkedHashSet<>();
        Set<AclBinding> wanted = new LinkedHashSet<>();
        reports.forEach(r -> {
            users.add(r.user());
            wanted.addAll(r.granted());
            wanted.addAll(r.kept());
        });
        long giveUp = System.nanoTime() + IN_EFFECT_TIMEOUT.toNanos();
        while (!await(admin.describeUserScramCredentials().all()).keySet().containsAll(users)
            || !await(admin.describeAcls(AclBindingFilter.ANY).values()).containsAll(wanted)) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the broker did not show the new users and ACLs within "
                    + IN_EFFECT_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the users and ACLs", e);
            }
        }
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused the security setup (run it as the super user): "
                + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up users and ACLs", e);
        }
    }
}
