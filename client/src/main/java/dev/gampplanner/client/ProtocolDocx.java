package dev.gampplanner.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.TestStage;
import dev.gampplanner.schema.TestStep;

/**
 * The plan's test protocol as a Word document a QA department files and signs: approval block with
 * the meaning of each signature, then the IQ, OQ and PQ sections, each test with its prerequisites,
 * test data, a step table with the execution columns left blank, and its sign-off fields.
 */
public final class ProtocolDocx {

    private ProtocolDocx() {
    }

    public static byte[] render(MergedPlan plan) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            heading(doc, "Test protocol: " + plan.getTitle(), 1);
            paragraph(doc, "Source " + plan.getSource() + ", GAMP category " + plan.getCategory().getCategory() + ", plan "
                + plan.getCorrelationId() + ", planned by " + plan.getPlannerVersion() + ".");
            heading(doc, "Protocol approval", 2);
            XWPFTable approvals = table(doc, List.of("Role", "Meaning of the signature", "Printed name", "Signature", "Date and time"));
            ProtocolText.APPROVALS.forEach(a -> row(approvals, List.of(a.role(), a.meaning(), "", "", "")));
            paragraph(doc, ProtocolText.SIGNATURE_NOTE);
            for (TestStage stage : TestStage.values()) {
                List<PlannedTest> tests = plan.getTests().stream().filter(t -> t.getStage() == stage).toList();
                if (!tests.isEmpty()) {
                    heading(doc, ProtocolText.heading(stage), 2);
                    tests.forEach(t -> test(doc, t));
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the protocol of " + plan.getSource() + " as DOCX", e);
        }
    }

    private static void test(XWPFDocument doc, PlannedTest test) {
        heading(doc, test.getId() + ": " + test.getTitle(), 3);
        paragraph(doc, "Type: " + test.getType() + ". Priority: " + test.getPriorityLevel() + (test.getScripted() ? ", scripted." : ", unscripted.")
            + " Requirements: " + String.join(", ", test.getRequirementIds()) + ".");
        paragraph(doc, "Objective: " + test.getObjective());
        list(doc, "Prerequisites", test.getPrerequisites());
        list(doc, "Test data", test.getTestData());
        if (test.getCharter() != null) {
            paragraph(doc, "Test charter: " + test.getCharter().getScope() + ". Timebox: " + test.getCharter().getTimeboxMinutes()
                + " minutes. Evidence: " + test.getCharter().getEvidence() + ".");
        } else {
            List<String> header = new ArrayList<>(List.of("Step", "Action", "Expected result", "Evidence"));
            header.addAll(ProtocolText.EXECUTION_FIELDS);
            XWPFTable steps = table(doc, header);
            for (TestStep step : test.getSteps()) {
                row(steps, List.of(String.valueOf(step.getNumber()), step.getAction(), step.getExpectedResult(), step.getEvidence(),
                    "", "", ""));
            }
        }
        list(doc, "Acceptance criteria", test.getAcceptanceCriteria());
        XWPFTable signOff = table(doc, ProtocolText.TEST_SIGN_OFF);
        row(signOff, ProtocolText.TEST_SIGN_OFF.stream().map(f -> "").toList());
    }

    private static void heading(XWPFDocument doc, String text, int level) {
        XWPFParagraph paragraph = doc.createParagraph();
        paragraph.setStyle("Heading" + level);
        XWPFRun run = paragraph.createRun();
        run.setBold(true);
        run.setFontSize(level == 1 ? 16 : level == 2 ? 14 : 12);
        run.setText(text);
    }

    private static void paragraph(XWPFDocument doc, String text) {
        doc.createParagraph().createRun().setText(text);
    }

    private static void list(XWPFDocument doc, String heading, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        XWPFRun title = doc.createParagraph().createRun();
        title.setBold(true);
        title.setText(heading + ":");
        items.forEach(item -> paragraph(doc, "• " + item));
    }

    private static XWPFTable table(XWPFDocument doc, List<String> header) {
        XWPFTable table = doc.createTable(1, header.size());
        XWPFTableRow first = table.getRow(0);
        for (int i = 0; i < header.size(); i++) {
            XWPFRun run = first.getCell(i).getParagraphs().get(0).createRun();
            run.setBold(true);
            run.setText(header.get(i));
        }
        return table;
    }

    private static void row(XWPFTable table, List<String> cells) {
        XWPFTableRow row = table.createRow();
        for (int i = 0; i < cells.size(); i++) {
            row.getCell(i).setText(cells.get(i));
        }
    }
}
