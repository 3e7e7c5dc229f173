package dev.gampplanner.audit;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.gampplanner.runtime.signing.SignatureCheck;
import dev.gampplanner.schema.Signer;

/**
 * The checks of a verification, and how much was read: with the signature found on each judged record (by position),
 * and the signers none of whose keys is published, whose records are therefore unsigned without being failures.
 */
public record AuditReport(List<LogRecord> records, List<Check> checks, int plans, Map<String, SignatureCheck> signatures,
                          Set<Signer> notSigning) {

    public AuditReport {
        signatures = Map.copyOf(signatures);
        notSigning = Set.copyOf(notSigning);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    public boolean ok() {
        return failures().isEmpty();
    }

    public List<Check> checksOf(LogRecord record) {
        return checks.stream().filter(c -> c.record() == record).toList();
    }

    /** The signature check of a judged record written by a service or submitter. */
    public Optional<SignatureCheck> signatureOf(LogRecord record) {
        return Optional.ofNullable(signatures.get(record.position()));
    }

    /** How many judged records got each signature verdict. */
    public Map<SignatureCheck.Verdict, Long> signatureCounts() {
        return signatures.values().stream().collect(Collectors.groupingBy(SignatureCheck::verdict,
            () -> new EnumMap<>(SignatureCheck.Verdict.class), Collectors.counting()));
    }

    /** One line for the auditor when some records are signed: "412 record(s) validly signed, 3 not". */
    public Optional<String> signedLine() {
        long valid = signatures.values().stream().filter(s -> s.verdict() == SignatureCheck.Verdict.VALID).count();
        long bad = signatures.values().stream().filter(s -> !s.acceptable()).count();
        return valid + bad == 0 ? Optional.empty()
            : Optional.of(valid + " record(s) validly signed" + (bad == 0 ? "" : ", " + bad + " not"));
    }

    /** One line for the auditor when some writers do not sign: "records of submitter are not signed: no key published". */
    public Optional<String> notSigningLine() {
        if (notSigning.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("records of " + notSigning.stream().sorted().map(s -> s.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ")) + " are not signed: no key published");
    }
}
