package dev.gampplanner.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryCharacterThatEndsTextOrAnAttribute() {
        assertThat(Html.escape("<script>alert('x' & \"y\")</script>"))
            .isEqualTo("&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void aPageEscapesItsTitle() {
        assertThat(Html.page("<b>", "")).contains("<h1>&lt;b&gt;</h1>").doesNotContain("<h1><b>");
    }

    @Test
    void urlValuesAreEncodedForPathAndQuery() {
        assertThat(Html.url("a b&c/d")).isEqualTo("a%20b%26c%2Fd");
    }
}
