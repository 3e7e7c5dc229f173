package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.concurrent.Callable;

import org.apache.avro.SchemaNormalization;

import dev.gampplanner.schema.codec.PublishedSchemas;
import dev.gampplanner.schema.codec.SchemaHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The published contract as the services read it, for upstream teams to check their Avro library against. */
@Command(name = "schemas", mixinStandardHelpOptions = true,
    description = {"Lists every published schema version (schemas/src/main/resources/schema-history) with the "
        + "fingerprint the services accept: one line per version, tab-separated: file, the 8 fingerprint bytes as "
        + "they follow C3 01 on the wire (hex), and with --canonical the parsing canonical form they are computed from."})
public final class SchemasCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--canonical", description = "Also print each version's parsing canonical form.")
    boolean canonical;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (SchemaHistory.Version version : PublishedSchemas.history()) {
            long fingerprint = SchemaNormalization.parsingFingerprint64(version.schema());
            byte[] wire = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array();
            String file = version.schema().getName() + ".v" + version.version() + ".avsc";
            out.print(file + "\t" + HexFormat.of().formatHex(wire));
            out.println(canonical ? "\t" + SchemaNormalization.toParsingForm(version.schema()) : "");
        }
        return 0;
    }
}
