package dev.gampplanner.domain;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The kind of system a URS specifies, where the kind changes what its words mean. In a
 * chromatography data system "integration" is the integration of chromatographic peaks, not a
 * system interface; the other kinds name the functions a reviewer expects tested in their own terms
 * (sample login and OOS in a LIMS, the electronic batch record and genealogy in an MES, excursions
 * and sensor loss in environmental monitoring).
 */
public enum SystemKind {
    CHROMATOGRAPHY("chromatography data system", "(?i)chromatograph|\\b(?:CDS|HPLC)\\b",
        Map.of("(?i)\\bintegration parameters\\b", "peak processing parameters",
            "(?i)\\b(manual|peak) integration\\b", "$1 peak processing",
            "(?i)\\bintegration (events|methods?|results?)\\b", "peak processing $1")),
    LIMS("laboratory information management system", "(?i)\\bLIMS\\b|laboratory information management", Map.of()),
    MES("manufacturing execution system", "(?i)\\bMES\\b|manufacturing execution|batch record management", Map.of()),
    EMS("environmental monitoring system", "(?i)environmental monitoring|temperature monitoring|\\bEMS\\b", Map.of()),
    GENERIC("computerised system", "(?!)", Map.of());

    private final String label;
    private final Pattern marker;
    private final List<Map.Entry<Pattern, String>> senses;

    SystemKind(String label, String marker, Map<String, String> senses) {
        this.label = label;
        this.marker = Pattern.compile(marker);
        // Sorted so the rewriting order, and so its result, never depends on map iteration order.
        this.senses = senses.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> Map.entry(Pattern.compile(e.getKey()), e.getValue())).toList();
    }

    /** The kind named by the URS title, else by its system type line, else {@link #GENERIC}. */
    public static SystemKind of(String title, String systemType) {
        for (String text : new String[] {title, systemType}) {
            if (text == null) {
                continue;
            }
            for (SystemKind kind : values()) {
                if (kind.marker.matcher(text).find()) {
                    return kind;
                }
            }
        }
        return GENERIC;
    }

    /** "chromatography data system". */
    public String label() {
        return label;
    }

    /**
     * The text with this kind's ambiguous words replaced by their sense, for matching only: in a
     * CDS "integration parameters" reads "peak processing parameters", which no interface rule matches.
     */
    public String inSense(String text) {
        String result = text;
        for (Map.Entry<Pattern, String> sense : senses) {
            result = sense.getKey().matcher(result).replaceAll(sense.getValue());
        }
        return result;
    }
}
