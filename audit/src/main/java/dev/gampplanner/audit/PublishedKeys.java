package dev.gampplanner.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.gampplanner.runtime.signing.KeyRing;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.schema.SigningKey;

/**
 * The keys records are checked against, as the signing keys topic publishes them, and the records there that publish
 * no usable key. Such a key is left out, so whatever it signed shows as signed with an unpublished key.
 */
record PublishedKeys(KeyRing ring, List<Check> problems) {

    /** Records of one key id share a partition, so partition order is publication order: the last one's validity holds. */
    static PublishedKeys of(List<LogRecord> records) {
        KeyRing ring = new KeyRing();
        List<Check> problems = new ArrayList<>();
        records.stream().sorted(Comparator.comparingInt(LogRecord::partition).thenComparingLong(LogRecord::offset)).forEach(record -> {
            Optional<String> problem = problemOf(record);
            if (problem.isPresent()) {
                problems.add(Check.fail(record, Check.Kind.BAD_KEY, problem.get()));
            } else {
                ring.put(record.as(SigningKey.class).orElseThrow());
            }
        });
        return new PublishedKeys(ring, List.copyOf(problems));
    }

    private static Optional<String> problemOf(LogRecord record) {
        Optional<SigningKey> published = record.as(SigningKey.class);
        if (published.isEmpty()) {
            return Optional.of("publishes no SigningKey: " + (record.decodeError() != null ? record.decodeError() : "a " + record.type()));
        }
        SigningKey key = published.get();
        String actual;
        try {
            actual = SigningKeys.keyId(SigningKeys.publicKey(key));
        } catch (IllegalArgumentException e) {
            return Optional.of("publishes key " + key.getKeyId() + " of " + key.getSigner() + ", which is " + e.getMessage());
        }
        if (!actual.equals(key.getKeyId())) {
            return Optional.of("publishes key " + key.getKeyId() + " of " + key.getSigner() + " with the public key whose id is " + actual);
        }
        return Optional.empty();
    }
}
