package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A Location or other reference read against the URL it came from, as RFC 3986 section 5.4 lists. */
class ReferenceResolutionTest {
    private static final ParsedUrl BASE = ParsedUrl.of("http://a/b/c/d;p?q");

    private static void assertResolves(String[][] referenceAndUrl) {
        for (String[] row : referenceAndUrl) {
            assertEquals(row[1], BASE.resolve(row[0]), row[0]);
        }
    }

    @Test
    void theRfcsNormalExamplesResolveAsListedWithoutTheirFragments() {
        assertResolves(new String[][] {
            {"g:h", "g:h"},
            {"g", "http://a/b/c/g"},
            {"./g", "http://a/b/c/g"},
            {"g/", "http://a/b/c/g/"},
            {"/g", "http://a/g"},
            {"//g", "http://g"},
            {"?y", "http://a/b/c/d;p?y"},
            {"g?y", "http://a/b/c/g?y"},
            {"#s", "http://a/b/c/d;p?q"},
            {"g#s", "http://a/b/c/g"},
            {"g?y#s", "http://a/b/c/g?y"},
            {";x", "http://a/b/c/;x"},
            {"g;x", "http://a/b/c/g;x"},
            {"g;x?y#s", "http://a/b/c/g;x?y"},
            {"", "http://a/b/c/d;p?q"},
            {".", "http://a/b/c/"},
            {"./", "http://a/b/c/"},
            {"..", "http://a/b/"},
            {"../", "http://a/b/"},
            {"../g", "http://a/b/g"},
            {"../..", "http://a/"},
            {"../../", "http://a/"},
            {"../../g", "http://a/g"},
        });
    }

    @Test
    void theRfcsAbnormalExamplesResolveAsListed() {
        assertResolves(new String[][] {
            {"../../../g", "http://a/g"},
            {"../../../../g", "http://a/g"},
            {"/./g", "http://a/g"},
            {"/../g", "http://a/g"},
            {"g.", "http://a/b/c/g."},
            {".g", "http://a/b/c/.g"},
            {"g..", "http://a/b/c/g.."},
            {"..g", "http://a/b/c/..g"},
            {"./../g", "http://a/b/g"},
            {"./g/.", "http://a/b/c/g/"},
            {"g/./h", "http://a/b/c/g/h"},
            {"g/../h", "http://a/b/c/h"},
            {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
            {"g;x=1/../y", "http://a/b/c/y"},
            {"g?y/./x", "http://a/b/c/g?y/./x"},
            {"g?y/../x", "http://a/b/c/g?y/../x"},
            {"g#s/./x", "http://a/b/c/g"},
            {"g#s/../x", "http://a/b/c/g"},
        });
    }

    @Test
    void aReferenceIsMadeCanonicalBeforeItIsResolved() {
        assertResolves(new String[][] {
            {"hero page.png", "http://a/b/c/hero%20page.png"},
            {"//bücher.example/x", "http://xn--bcher-kva.example/x"},
            {"?q=ü", "http://a/b/c/d;p?q=%C3%BC"},
        });
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> BASE.resolve("g%zz"));
        assertEquals("has a '%' that does not start a percent-escape (%XX) at index 1; write a literal '%' as %25",
                bad.getMessage());
    }
}
