package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text/event-stream parser against the HTML standard's rules, fed whole and in every split. */
class EventStreamParserTest {
    private static final String URL = "https://game.example/events";

    /** Records what the parser reports, one string per call. */
    private static final class Recorder implements EventStreamParser.Handler {
        final List<String> calls = new ArrayList<>();

        @Override
        public void event(String type, String data, String lastEventId) {
            calls.add(type + "|" + data + "|" + lastEventId);
        }

        @Override
        public void retry(long millis) {
            calls.add("retry " + millis);
        }
    }

    private static List<String> parse(byte[] stream) throws FetchException {
        Recorder recorder = new Recorder();
        EventStreamParser parser = new EventStreamParser(URL, 1024, recorder);
        parser.feed(stream, 0, stream.length);
        parser.end();
        return recorder.calls;
    }

    private static List<String> parse(String stream) throws FetchException {
        return parse(stream.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses {@code stream} split in two at every offset and one byte at a time; all must agree with the whole. */
    private static List<String> parseEverySplit(String text) throws FetchException {
        byte[] stream = text.getBytes(StandardCharsets.UTF_8);
        List<String> whole = parse(stream);
        for (int split = 0; split <= stream.length; split++) {
            Recorder recorder = new Recorder();
            EventStreamParser parser = new EventStreamParser(URL, 1024, recorder);
            parser.feed(stream, 0, split);
            parser.feed(stream, split, stream.length - split);
            parser.end();
            assertEquals(whole, recorder.calls, "split at " + split);
        }
        Recorder bytewise = new Recorder();
        EventStreamParser parser = new EventStreamParser(URL, 1024, bytewise);
        for (int i = 0; i < stream.length; i++) {
            parser.feed(stream, i, 1);
        }
        parser.end();
        assertEquals(whole, bytewise.calls, "one byte at a time");
        return whole;
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() throws FetchException {
        assertEquals(Arrays.asList("message|first\nsecond\n|"),
                parseEverySplit("data: first\ndata:second\ndata\n\n"));
    }

    @Test
    void commentsAndUnknownFieldsAreIgnored() throws FetchException {
        assertEquals(Arrays.asList("message|x|"),
                parseEverySplit(": keep-alive\n:\nfoo: bar\nDATA: upper case is another field\ndata: x\n\n"));
    }

    @Test
    void theEventTypeDefaultsToMessageAndLastsForOneEvent() throws FetchException {
        assertEquals(Arrays.asList("score|{\"n\":1}|", "message|plain|"),
                parseEverySplit("event: score\ndata: {\"n\":1}\n\ndata: plain\n\n"));
    }

    @Test
    void aBlockWithNoDataDispatchesNothingAndItsTypeDoesNotReachTheNextEvent() throws FetchException {
        assertEquals(Arrays.asList("message|after|"),
                parseEverySplit("event: lost\n\nevent: lost too\nretry\n: comment\n\ndata: after\n\n"));
        // "event" alone is the field with an empty value: the type falls back to "message".
        assertEquals(Arrays.asList("message|x|"), parseEverySplit("event: named\nevent\ndata: x\n\n"));
    }

    @Test
    void theLastEventIdPersistsAnIdOnlyBlockSetsItAndAnIdWithNulIsIgnored() throws FetchException {
        Recorder recorder = new Recorder();
        EventStreamParser parser = new EventStreamParser(URL, 1024, recorder);
        byte[] stream = ("id: 7\ndata: a\n\ndata: b\n\nid: 8\n\nid: 9\u0000x\ndata: c\n\nid\ndata: d\n\n")
                .getBytes(StandardCharsets.UTF_8);
        parser.feed(stream, 0, stream.length);
        assertEquals(Arrays.asList("message|a|7", "message|b|7", "message|c|8", "message|d|"), recorder.calls);
        assertEquals("", parser.lastEventId(), "an empty id resets it");

        EventStreamParser idOnly = new EventStreamParser(URL, 1024, new Recorder());
        byte[] block = "id: 42\n\n".getBytes(StandardCharsets.UTF_8);
        idOnly.feed(block, 0, block.length);
        assertEquals("42", idOnly.lastEventId());
    }

    @Test
    void retryTakesOnlyWholeDigits() throws FetchException {
        assertEquals(Arrays.asList("retry 2500", "retry 0", "retry " + Long.MAX_VALUE, "retry 7"),
                parseEverySplit("retry: 2500\nretry: 10s\nretry: -1\nretry:\nretry: 0\nretry: 99999999999999999999\n"
                        + "retry: 00000000000000000000007\n"));
    }

    @Test
    void crLfCrAndLfLineEndsAllWorkWhereverTheBodyIsSplit() throws FetchException {
        assertEquals(Arrays.asList("message|one|", "message|two|", "message|three\nfour|"),
                parseEverySplit("data: one\r\n\r\ndata: two\r\rdata: three\ndata: four\r\n\n"));
    }

    @Test
    void aByteOrderMarkIsSkippedOnceAndOnlyOneSpaceIsStripped() throws FetchException {
        assertEquals(Arrays.asList("message|  two spaces kept|"),
                parseEverySplit("\uFEFFdata:   two spaces kept\n\n"));
        // A second mark is not skipped: the field is then "\uFEFFdata", which is unknown.
        assertEquals(Arrays.asList(), parse("\uFEFF\uFEFFdata: x\n\n"));
    }

    @Test
    void anEventNotEndedByABlankLineIsDiscardedAtTheEnd() throws FetchException {
        assertEquals(Arrays.asList("message||", "message|\n|"), parseEverySplit("data\n\ndata\ndata\n\ndata:"));
        assertEquals(Arrays.asList(), parse("data: never ended\n"));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws FetchException {
        byte[] stream = {'d', 'a', 't', 'a', ':', ' ', 'h', (byte) 0xC3, '(', '\n', '\n'};
        assertEquals(Arrays.asList("message|h\uFFFD(|"), parse(stream));
    }

    @Test
    void invalidUtf8BecomesOneReplacementCharacterPerMaximalSubpartAsTheStandardsDecoderGives() throws FetchException {
        // The Encoding Standard's UTF-8 decoder: a lead byte whose next byte is out of its range is one
        // error, and that next byte is read again on its own. A surrogate's three bytes are three errors.
        int[][] bytes = {{0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xC0, 0x80}, {0xE0, 0x80, 0x80},
                {0xF4, 0x90, 0x80, 0x80}, {0xE2, 0x82, 'x'}, {0xF0, 0x9F, 0x8E}, {0x80, 0xBF}, {0xFF}};
        String[] decoded = {"\uFFFD\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD", "\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD",
                "\uFFFD\uFFFD\uFFFD\uFFFD", "\uFFFDx", "\uFFFD", "\uFFFD\uFFFD", "\uFFFD"};
        for (int i = 0; i < bytes.length; i++) {
            byte[] stream = new byte[6 + bytes[i].length + 3];
            System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, stream, 0, 6);
            for (int k = 0; k < bytes[i].length; k++) {
                stream[6 + k] = (byte) bytes[i][k];
            }
            stream[stream.length - 3] = 'z';
            stream[stream.length - 2] = '\n';
            stream[stream.length - 1] = '\n';
            assertEquals(Arrays.asList("message|" + decoded[i] + "z|"), parse(stream), Arrays.toString(bytes[i]));
        }
    }

    @Test
    void aLineOrDataOverTheLimitFailsWithTooLarge() throws FetchException {
        EventStreamParser lines = new EventStreamParser(URL, 16, new Recorder());
        byte[] longLine = "data: 0123456789abcdef\n".getBytes(StandardCharsets.UTF_8);
        FetchException line = assertThrows(FetchException.class, () -> lines.feed(longLine, 0, longLine.length));
        assertEquals(FailureKind.TOO_LARGE, line.kind());
        assertTrue(line.getMessage().contains(URL) && line.getMessage().contains("maxEventBytes 16"), line.getMessage());

        EventStreamParser data = new EventStreamParser(URL, 16, new Recorder());
        byte[] manyLines = "data: 0123\ndata: 4567\ndata: 89ab\ndata: cdef\n\n".getBytes(StandardCharsets.UTF_8);
        FetchException total = assertThrows(FetchException.class, () -> data.feed(manyLines, 0, manyLines.length));
        assertEquals(FailureKind.TOO_LARGE, total.kind());
        assertTrue(total.getMessage().contains("an event's data"), total.getMessage());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EventStreamParser(URL, 0, new Recorder()));
        assertTrue(e.getMessage().contains("maxEventBytes"), e.getMessage());
    }

    @Test
    void aLineBufferNearTheLargestArrayGrowsToItsCapOrSaysItCannotInsteadOfOverflowing() {
        // A maxEventBytes near Integer.MAX_VALUE: doubling 2^30 wraps negative in an int.
        assertEquals(Integer.MAX_VALUE - 8, EventStreamParser.grownLineSize(1 << 30, Integer.MAX_VALUE));
        assertEquals(-1, EventStreamParser.grownLineSize(Integer.MAX_VALUE - 8, Integer.MAX_VALUE));
        assertEquals(256, EventStreamParser.grownLineSize(128, 1 << 20));
        assertEquals(300, EventStreamParser.grownLineSize(256, 300));
    }
}
