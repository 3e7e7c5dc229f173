package dev.gampplanner.agent.context.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gampplanner.agent.context.knowledge.KnowledgeBase;
import dev.gampplanner.agent.context.knowledge.Passage;

/** The passage vectors computed at build time are the model's, and stale ones are refused at start. */
class PassageVectorsTest {

    private static final KnowledgeBase KNOWLEDGE = KnowledgeBase.load();
    private static final ClassLoader CLASS_PATH = PassageVectorsTest.class.getClassLoader();

    @Test
    void theBuildStoredTheModelsVectorOfEveryShippedPassage() {
        float[][] stored = PassageVectors.load(CLASS_PATH, KNOWLEDGE).vectors();
        MiniLm model = new MiniLm();

        assertThat(stored.length).isEqualTo(KNOWLEDGE.passages().size());
        for (int i = 0; i < stored.length; i += 7) {
            float[] fresh = model.embed(PassageVectors.text(KNOWLEDGE.passages().get(i)));
            assertThat(MiniLm.dot(stored[i], fresh)).as(KNOWLEDGE.passages().get(i).id()).isGreaterThan(0.999_999);
        }
    }

    @Test
    void vectorsOfAnEditedPassageAreRefusedWithWhatToDo() {
        List<Passage> passages = new ArrayList<>(KNOWLEDGE.passages());
        Passage first = passages.get(0);
        passages.set(0, new Passage(first.id(), first.citation(), first.source(), first.title(), first.text() + " Amended.",
            first.keywords()));
        KnowledgeBase edited = new KnowledgeBase("context-kb-edited", passages);

        assertThatThrownBy(() -> PassageVectors.load(CLASS_PATH, edited))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("refusing stale passage vectors")
            .hasMessageContaining(KNOWLEDGE.version())
            .hasMessageContaining("context-kb-edited")
            .hasMessageContaining("rebuild the context agent");
        assertThatThrownBy(() -> Retriever.build(edited, RetrievalMethod.HYBRID)).hasMessageContaining("refusing stale");
    }

    @Test
    void vectorsInAnotherOrderOrOfOtherPassagesAreRefused() {
        List<Passage> reordered = new ArrayList<>(KNOWLEDGE.passages());
        Collections.swap(reordered, 0, 1);
        List<Passage> fewer = KNOWLEDGE.passages().subList(1, KNOWLEDGE.passages().size());

        assertThatThrownBy(() -> PassageVectors.load(CLASS_PATH, new KnowledgeBase("reordered", reordered)))
            .hasMessageContaining("refusing stale");
        assertThatThrownBy(() -> PassageVectors.load(CLASS_PATH, new KnowledgeBase("fewer", fewer)))
            .hasMessageContaining("refusing stale");
    }

    @Test
    void missingVectorsAreNamedWithHowToMakeThem() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> PassageVectors.load(empty, KNOWLEDGE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PassageVectors.RESOURCE + " is missing")
                .hasMessageContaining("mvn package");
        }
    }

    @Test
    void theLexicalRetrieverNeedsNoVectors() throws Exception {
        List<Passage> passages = new ArrayList<>(KNOWLEDGE.passages());
        Collections.reverse(passages);

        assertThat(Retriever.build(new KnowledgeBase("reversed", passages), RetrievalMethod.BM25).passagesIndexed())
            .isEqualTo(passages.size());
    }

    @Test
    void aWrittenFileReadsBackExactly() throws Exception {
        PassageVectors stored = PassageVectors.load(CLASS_PATH, KNOWLEDGE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stored.write(bytes);

        PassageVectors read = PassageVectors.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(read.digest()).isEqualTo(stored.digest());
        assertThat(read.vectors()).isDeepEqualTo(stored.vectors());
    }
}
