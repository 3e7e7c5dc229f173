package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.client.AvroJson;
import dev.gampplanner.client.PlanJson;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.category.Categorizer;
import dev.gampplanner.schema.CategoryDecision;
import dev.gampplanner.schema.CategoryEvidence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The GAMP category the planner reads in each URS, with its confidence and evidence. */
@Command(name = "categorize", mixinStandardHelpOptions = true,
    description = "Determines the GAMP 5 software category of each URS from its body (a category label in the document is "
        + "ignored), with confidence, evidence and whether a person must review it.")
public final class CategorizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "URS documents, or directories of .md files.")
    List<Path> inputs;

    @Option(names = "--json", description = "One JSON object per file per line: source, gampCategory, confidence, evidence, "
        + "counterEvidence, scores, reviewRequired, reviewReason.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Categorizer categorizer = new Categorizer(PlannerKnowledge.load().categorization());
        for (UrsFile file : UrsFile.resolve(inputs)) {
            CategoryDecision decision = categorizer.determine(UrsParser.parse(file.text()));
            if (json) {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                node.put("source", file.name());
                node.put("gampCategory", decision.getCategory());
                node.put("confidence", decision.getConfidence());
                node.set("evidence", AvroJson.toJson(decision.getEvidence()));
                node.set("counterEvidence", AvroJson.toJson(decision.getCounterEvidence()));
                node.set("scores", AvroJson.toJson(decision.getScores()));
                node.put("reviewRequired", decision.getReviewRequired());
                node.put("reviewReason", decision.getReviewReason());
                out.println(PlanJson.line(node));
            } else {
                out.printf(Locale.ROOT, "%-24s Category %d (%s), confidence %.2f%s%n", file.name(), decision.getCategory(),
                    GampCategory.require(decision.getCategory()).title(), decision.getConfidence(),
                    decision.getReviewRequired() ? "  REVIEW: " + decision.getReviewReason() : "");
                for (CategoryEvidence evidence : decision.getEvidence().subList(0, Math.min(3, decision.getEvidence().size()))) {
                    out.printf("    line %3d  %s: \"%s\"%n", evidence.getLine(), evidence.getSignal(), evidence.getPhrase());
                }
            }
        }
        out.flush();
        return 0;
    }
}
