package dev.gampplanner.agent.context.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

import dev.gampplanner.agent.context.knowledge.Passage;

/**
 * BM25 over the passages, in memory. Built once; {@link #search} is safe from any number of threads
 * because IndexSearcher and Analyzer are and nothing else changes after construction.
 */
final class LexicalIndex {

    private static final String HEADING = "heading";
    private static final String KEYWORDS = "keywords";
    private static final String CONTENT = "content";
    private static final String ORDINAL = "ordinal";
    /**
     * Title and citation, keywords and text are scored as separate fields, so a word in a short,
     * curated field is not drowned by the length of the text; the curated fields also count double.
     * A list rather than a map keeps the clause order of every query, and so its score, fixed.
     */
    private static final List<FieldBoost> FIELDS = List.of(
        new FieldBoost(HEADING, 2f), new FieldBoost(KEYWORDS, 2f), new FieldBoost(CONTENT, 1f));

    private record FieldBoost(String field, float boost) {
    }

    private final Analyzer passageAnalyzer = RegulatoryAnalyzer.forPassages();
    private final Analyzer requirementAnalyzer = RegulatoryAnalyzer.forRequirements();
    private final IndexSearcher searcher;
    /** Lucene document id to passage ordinal, read once so searches need no (thread-confined) stored-field reader. */
    private final int[] ordinals;

    LexicalIndex(List<Passage> passages) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(passageAnalyzer))) {
            for (int ordinal = 0; ordinal < passages.size(); ordinal++) {
                Passage passage = passages.get(ordinal);
                Document document = new Document();
                document.add(new StoredField(ORDINAL, ordinal));
                document.add(new TextField(HEADING, passage.title() + "\n" + passage.citation(), Field.Store.NO));
                document.add(new TextField(KEYWORDS, String.join(", ", passage.keywords()), Field.Store.NO));
                document.add(new TextField(CONTENT, passage.text(), Field.Store.NO));
                writer.addDocument(document);
            }
            writer.commit();
            // BM25 is IndexSearcher's default similarity.
            searcher = new IndexSearcher(DirectoryReader.open(directory));
            StoredFields stored = searcher.storedFields();
            ordinals = new int[searcher.getIndexReader().maxDoc()];
            for (int doc = 0; doc < ordinals.length; doc++) {
                ordinals[doc] = stored.document(doc).getField(ORDINAL).numericValue().intValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the in-memory passage index", e);
        }
    }

    /** The passages that share at least one analysed term with {@code text}, best first, at most {@code depth}. */
    List<ScoredPassage> search(String text, int depth) {
        Query query = query(text);
        if (query == null) {
            return List.of();
        }
        try {
            List<ScoredPassage> hits = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query, depth).scoreDocs) {
                hits.add(new ScoredPassage(ordinals[hit.doc], hit.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching an in-memory index failed", e);
        }
    }

    /**
     * One clause per distinct analysed term, boosted by how often the requirement uses it. Built from
     * the analyser's tokens rather than parsed, so no character of a URS can break the query.
     */
    private Query query(String text) {
        Map<String, Integer> counts = termCounts(text);
        if (counts.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        counts.entrySet().stream()
            // A requirement has far fewer distinct terms; the cap only keeps a pathological one searchable.
            .limit(IndexSearcher.getMaxClauseCount() / FIELDS.size())
            .forEach(term -> FIELDS.forEach(field -> query.add(
                new BoostQuery(new TermQuery(new Term(field.field(), term.getKey())), field.boost() * term.getValue()),
                BooleanClause.Occur.SHOULD)));
        return query.build();
    }

    private Map<String, Integer> termCounts(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream tokens = requirementAnalyzer.tokenStream(CONTENT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text in memory failed", e);
        }
        return counts;
    }
}
