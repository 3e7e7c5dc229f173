package dev.gampplanner.domain.text;

/**
 * The pairs of adjacent characters a text holds, as a small hashed bit set: a term one of whose pairs the text lacks
 * cannot occur in it, and a few bit tests tell so without reading the text. The agents look for hundreds of knowledge
 * terms in every requirement and most occur in none; {@link String#indexOf(String)} reads the whole text for each,
 * and without the optimising compiler's intrinsic for it (the services run the client compiler only) those scans
 * were half of the SME and research agents' CPU.
 */
public final class Bigrams {

    private static final int SLOT_BITS = 12;

    private final long[] bits = new long[(1 << SLOT_BITS) / Long.SIZE];

    private Bigrams() {
    }

    public static Bigrams of(CharSequence text) {
        Bigrams pairs = new Bigrams();
        for (int i = 1; i < text.length(); i++) {
            int slot = slot(text.charAt(i - 1), text.charAt(i));
            pairs.bits[slot >>> 6] |= 1L << slot;
        }
        return pairs;
    }

    /** False only when {@code term} cannot occur in the text: a pair of adjacent characters of it is not there. */
    public boolean mayContain(String term) {
        for (int i = 1; i < term.length(); i++) {
            int slot = slot(term.charAt(i - 1), term.charAt(i));
            if ((bits[slot >>> 6] & 1L << slot) == 0) {
                return false;
            }
        }
        return true;
    }

    private static int slot(char first, char second) {
        return ((first << 16 | second) * 0x9E3779B1) >>> (Integer.SIZE - SLOT_BITS);
    }
}
