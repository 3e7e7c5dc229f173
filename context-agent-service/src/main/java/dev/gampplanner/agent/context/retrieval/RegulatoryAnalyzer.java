package dev.gampplanner.agent.context.retrieval;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English analysis (possessives, stop words, Porter stemming) tuned for matching requirements to
 * regulation text.
 *
 * <ul>
 *   <li>Numbers and single characters are dropped: "7 years", "30 seconds" and "§11.10(e)" share
 *       digits by coincidence, not by topic.</li>
 *   <li>Modal verbs and the words of a citation ("21 CFR Part 11", "Annex 11") are stop words: every
 *       requirement says "shall", and a cited regulation says which framework applies, not which
 *       clause; left in, they pull up every passage that merely names the regulation.</li>
 *   <li>British "-ise" spellings (Annex 11: "authorised", "computerised") are folded onto "-ize" so
 *       they meet the American spelling of most URS documents.</li>
 *   <li>Requirements additionally lose the verbs and praise words every URS is written with
 *       ("provide", "implement", "support", "advanced"): they say that something is wanted, not what,
 *       yet they match passage titles such as "Implementation" or "service providers".</li>
 * </ul>
 */
final class RegulatoryAnalyzer extends Analyzer {

    private static final List<String> MODALS_AND_CITATION_WORDS = List.of(
        "shall", "must", "should", "may", "can", "will", "cfr", "part", "annex");
    private static final List<String> REQUIREMENT_BOILERPLATE = List.of(
        "provide", "provides", "implement", "implemented", "implementation", "develop", "developed", "create",
        "created", "support", "supports", "supported", "use", "uses", "used", "using", "generate", "generated",
        "configure", "configured", "setup", "enable", "ensure", "allow", "handle", "maintain", "perform", "apply",
        "based", "advanced", "enhanced", "complex", "sophisticated", "innovative", "capability", "capabilities",
        "functionality", "feature", "features");
    private static final Set<String> NUMBER_TYPES = Set.of(StandardTokenizer.TOKEN_TYPES[StandardTokenizer.NUM]);
    private static final Pattern BRITISH_ISE = Pattern.compile("(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$");

    private final CharArraySet stopWords;

    private RegulatoryAnalyzer(List<String> extraStopWords) {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        words.addAll(MODALS_AND_CITATION_WORDS);
        words.addAll(extraStopWords);
        this.stopWords = CharArraySet.unmodifiableSet(words);
    }

    static RegulatoryAnalyzer forPassages() {
        return new RegulatoryAnalyzer(List.of());
    }

    static RegulatoryAnalyzer forRequirements() {
        return new RegulatoryAnalyzer(REQUIREMENT_BOILERPLATE);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new TypeTokenFilter(result, NUMBER_TYPES);
        result = new LengthFilter(result, 2, Integer.MAX_VALUE);
        result = new StopFilter(result, stopWords);
        result = new PatternReplaceFilter(result, BRITISH_ISE, "iz$1", false);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
