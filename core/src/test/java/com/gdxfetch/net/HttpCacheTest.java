package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Files.FileType;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.io.RandomAccessFile;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP cache against a scripted loopback server that counts what reaches it. */
class HttpCacheTest extends LoopbackServerTest {
    @TempDir
    Path tmp;

    /** The managers' clock: ages and freshness move only when a test moves it. */
    final FakeClock clock = new FakeClock();

    File dir() {
        return tmp.resolve("http-cache").toFile();
    }

    FetchConfig.Builder cached(long maxBytes) {
        return FetchConfig.builder().httpCache(new FileHandle(dir()), maxBytes).clock(clock);
    }

    @Override
    FetchManager manager() {
        return new FetchManager(cached(1 << 20).build());
    }

    private HttpResponse get(String path) {
        return get(fetch.get(url(path)));
    }

    private HttpResponse get(HttpRequest.Builder request) {
        Recorder<HttpResponse> callback = new Recorder<>();
        FetchHandle<HttpResponse> handle = request.send(callback);
        Frames.untilDone(fetch, handle);
        assertEquals(1, callback.terminalCalls);
        if (callback.failure != null) {
            throw new AssertionError("expected a response", callback.failure);
        }
        return callback.response;
    }

    private FetchException failure(HttpRequest.Builder request) {
        Recorder<HttpResponse> callback = new Recorder<>();
        Frames.untilDone(fetch, request.send(callback));
        assertNotNull(callback.failure, "expected a failure, got " + callback.response);
        return callback.failure;
    }

    private static MockResponse ok(String body, String... headers) {
        MockResponse response = new MockResponse().setBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response.addHeader(headers[i], headers[i + 1]);
        }
        return response;
    }

    static String httpDate(long millis) {
        SimpleDateFormat format = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
        format.setTimeZone(TimeZone.getTimeZone("GMT"));
        return format.format(new Date(millis));
    }

    private RecordedRequest lastRequest() throws InterruptedException {
        RecordedRequest last = null;
        for (RecordedRequest r; (r = server.takeRequest(0, TimeUnit.SECONDS)) != null; ) {
            last = r;
        }
        return last;
    }

    // ---- freshness

    @Test
    void freshResponseAnswersFromTheCacheWithoutTheNetwork() {
        server.enqueue(ok("board", "Cache-Control", "max-age=60"));
        HttpResponse first = get("/board");
        assertEquals(ResponseSource.NETWORK, first.source());
        assertEquals(0, first.ageSeconds());

        HttpResponse second = get("/board");
        assertEquals(1, server.getRequestCount());
        assertEquals("board", second.text());
        assertEquals(200, second.status());
        assertEquals(ResponseSource.CACHE, second.source());
        assertEquals(0, second.ageSeconds());
        assertEquals("0", second.header("Age"));
    }

    @Test
    void copyAgesWithTheManagersClockAndGoesStaleAfterItsMaxAge() {
        server.enqueue(ok("board", "Cache-Control", "max-age=60"));
        server.enqueue(ok("newer", "Cache-Control", "max-age=60"));
        get("/clock");
        clock.advance(59, TimeUnit.SECONDS);
        HttpResponse aged = get("/clock");
        assertEquals(ResponseSource.CACHE, aged.source());
        assertEquals(59, aged.ageSeconds());
        clock.advance(2, TimeUnit.SECONDS);
        HttpResponse refetched = get("/clock");
        assertEquals("newer", refetched.text());
        assertEquals(ResponseSource.NETWORK, refetched.source());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void freshHitHeldInMemoryIsReadyForTheVeryNextUpdate() {
        server.enqueue(ok("quick", "Cache-Control", "max-age=60"));
        get("/quick");
        Recorder<HttpResponse> callback = new Recorder<>();
        fetch.get(url("/quick")).send(callback);
        fetch.update();
        assertEquals(1, callback.terminalCalls, "answered within send, delivered by the first update");
        assertEquals("quick", callback.response.text());
        assertEquals(ResponseSource.CACHE, callback.response.source());
        assertEquals(Thread.currentThread(), callback.thread);
    }

    @Test
    void changingADeliveredBodyChangesNoLaterHit() {
        server.enqueue(ok("abc", "Cache-Control", "max-age=60"));
        get("/mine").body()[0] = 'x';
        byte[] hit = get("/mine").body();
        assertEquals("abc", new String(hit, java.nio.charset.StandardCharsets.UTF_8));
        hit[0] = 'y';
        assertEquals("abc", new String(get("/mine").body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void memoryKeepsTheMostRecentlyUsedBodiesWithinItsBoundAndTheDiskTheRest() throws Exception {
        // 6,000 bytes of memory holds four 1,400-byte bodies; the fifth pushes out the least recently used.
        use(cached(1 << 20).httpCacheMemory(6_000).build());
        String body = "m".repeat(1_400);
        for (String path : new String[] {"/m1", "/m2", "/m3", "/m4", "/m5"}) {
            server.enqueue(ok(body, "Cache-Control", "max-age=600"));
            get(path);
        }
        server.enqueue(ok("refetched", "Cache-Control", "max-age=600"));
        for (String name : dir().list((d, n) -> n.endsWith(".body"))) {
            try (RandomAccessFile f = new RandomAccessFile(new File(dir(), name), "rw")) {
                f.setLength(5);
            }
        }
        assertEquals(body, get("/m5").text(), "a body in memory is the one stored, whatever the disk holds");
        assertEquals(ResponseSource.CACHE, get("/m2").source());
        HttpResponse evicted = get("/m1");
        assertEquals("refetched", evicted.text(), "m1 left memory and its file is damaged, so it is refetched");
        assertEquals(ResponseSource.NETWORK, evicted.source());
        assertEquals(6, server.getRequestCount());
    }

    @Test
    void ageHeaderCountsTowardsTheAgeSoAnOldCopyIsStale() {
        server.enqueue(ok("old", "Cache-Control", "max-age=60", "Age", "100"));
        server.enqueue(ok("new", "Cache-Control", "max-age=60"));
        get("/a");
        HttpResponse second = get("/a");
        assertEquals(2, server.getRequestCount());
        assertEquals("new", second.text());
        assertEquals(ResponseSource.NETWORK, second.source());
    }

    @Test
    void aMaxAgeInsideAnotherDirectivesQuotedArgumentGivesNoFreshness() {
        // RFC 9110 5.6.4: in a quoted-string, \" is a quote that belongs to it, not its end.
        server.enqueue(ok("first", "Cache-Control", "community=\"\\\", max-age=600, x=\""));
        server.enqueue(ok("second"));
        get("/quoted");
        HttpResponse again = get("/quoted");
        assertEquals(2, server.getRequestCount());
        assertEquals("second", again.text());
    }

    @Test
    void ageOfACachedCopyIncludesTheAgeItArrivedWith() {
        server.enqueue(ok("x", "Cache-Control", "max-age=600", "Age", "180"));
        get("/aged");
        HttpResponse hit = get("/aged");
        assertEquals(ResponseSource.CACHE, hit.source());
        assertTrue(hit.ageSeconds() >= 180 && hit.ageSeconds() < 240, "age " + hit.ageSeconds());
    }

    @Test
    void anAgeGivenAsAListOrOnTwoLinesCountsItsFirstMember() {
        // RFC 9111 section 5.1: a list-based Age is read as its first member, not ignored.
        server.enqueue(ok("old", "Cache-Control", "max-age=600", "Age", "3600, 3600"));
        server.enqueue(ok("new", "Cache-Control", "max-age=600"));
        server.enqueue(ok("old", "Cache-Control", "max-age=600", "Age", "3600", "Age", "5"));
        server.enqueue(ok("new", "Cache-Control", "max-age=600"));
        get("/age-list");
        assertEquals("new", get("/age-list").text(), "an hour old is stale after ten minutes");
        get("/age-lines");
        assertEquals("new", get("/age-lines").text(), "the first Age line counts");
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void expiresAfterDateKeepsTheCopyFreshAndExpiresBeforeItDoesNot() {
        long now = System.currentTimeMillis();
        server.enqueue(ok("fresh", "Date", httpDate(now), "Expires", httpDate(now + 3_600_000)));
        server.enqueue(ok("stale", "Date", httpDate(now), "Expires", httpDate(now - 10_000)));
        server.enqueue(ok("again"));
        get("/fresh");
        assertEquals(ResponseSource.CACHE, get("/fresh").source());
        get("/stale");
        assertEquals("again", get("/stale").text());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void theFirstOfTwoExpiresCounts() {
        long now = System.currentTimeMillis();
        server.enqueue(ok("short", "Date", httpDate(now), "Expires", httpDate(now + 60_000),
                "Expires", httpDate(now + 3_600_000)));
        server.enqueue(ok("refetched"));
        get("/expires-twice");
        assertEquals(ResponseSource.CACHE, get("/expires-twice").source());
        clock.advance(120, TimeUnit.SECONDS);
        assertEquals("refetched", get("/expires-twice").text(), "RFC 9111 section 4.2.1: the first Expires counts");
    }

    @Test
    void aResponseStoredWithoutADateIsDatedWhenItArrived() {
        server.enqueue(ok("undated", "Cache-Control", "max-age=600"));
        assertNull(get("/undated").header("Date"));
        clock.advance(30, TimeUnit.SECONDS);
        HttpResponse hit = get("/undated");
        assertEquals(ResponseSource.CACHE, hit.source());
        assertNotNull(hit.header("Date"), "RFC 9110 section 6.6.1: a cache dates what it stores without a Date");
        long dated = com.gdxfetch.net.internal.HttpDates.parse(hit.header("Date"));
        assertTrue(Math.abs(dated - System.currentTimeMillis()) < 10_000, "dated on arrival: " + hit.header("Date"));
        assertEquals(30, hit.ageSeconds());
    }

    @Test
    void invalidExpiresMeansAlreadyExpired() {
        server.enqueue(ok("one", "Expires", "0"));
        server.enqueue(ok("two"));
        get("/zero");
        assertEquals("two", get("/zero").text());
    }

    @Test
    void lastModifiedLongAgoGivesHeuristicFreshness() {
        long now = System.currentTimeMillis();
        server.enqueue(ok("static", "Date", httpDate(now), "Last-Modified", httpDate(now - 10L * 24 * 3600 * 1000)));
        get("/static");
        assertEquals(ResponseSource.CACHE, get("/static").source(), "a tenth of ten days is fresh now");
        assertEquals(1, server.getRequestCount());
    }

    // ---- revalidation

    @Test
    void staleCopyIsRevalidatedWithItsETagAndA304CostsNoBody() throws Exception {
        server.enqueue(ok("{\"scores\":[1,2,3]}", "Cache-Control", "max-age=0", "ETag", "\"v1\"", "X-Board", "old"));
        server.enqueue(new MockResponse().setResponseCode(304)
                .addHeader("Cache-Control", "max-age=60").addHeader("X-Board", "refreshed"));
        get("/board");
        server.takeRequest();

        HttpResponse revalidated = get("/board");
        RecordedRequest conditional = server.takeRequest();
        assertEquals("\"v1\"", conditional.getHeader("If-None-Match"));
        assertEquals(200, revalidated.status());
        assertEquals("{\"scores\":[1,2,3]}", revalidated.text());
        assertEquals(ResponseSource.REVALIDATED, revalidated.source());
        assertEquals("refreshed", revalidated.header("X-Board"), "the 304's headers replace the stored ones");

        HttpResponse hit = get("/board");
        assertEquals(ResponseSource.CACHE, hit.source(), "the refreshed max-age made it fresh");
        assertEquals("refreshed", hit.header("X-Board"));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void a304NamingAnotherVersionUpdatesNothingAndTheRequestIsSentAgainWithoutValidators() throws Exception {
        server.enqueue(ok("old board", "Cache-Control", "max-age=0", "ETag", "\"v1\""));
        // RFC 9111 section 4.3.4: a 304 whose strong validator no stored response has updates none.
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("ETag", "\"v2\"")
                .addHeader("Cache-Control", "max-age=60"));
        server.enqueue(ok("new board", "Cache-Control", "max-age=60", "ETag", "\"v2\""));
        get("/versions");
        server.takeRequest();

        HttpResponse second = get("/versions");
        assertEquals("\"v1\"", server.takeRequest().getHeader("If-None-Match"));
        assertEquals("new board", second.text());
        RecordedRequest again = server.takeRequest();
        assertNull(again.getHeader("If-None-Match"), "sent again without the stored validator");
        assertEquals(ResponseSource.NETWORK, second.source());

        HttpResponse hit = get("/versions");
        assertEquals(ResponseSource.CACHE, hit.source());
        assertEquals("new board", hit.text(), "the old body never carries the new version's validator");
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void a304NamingTheStoredVersionWeaklyOrNotAtAllRefreshesIt() throws Exception {
        server.enqueue(ok("board", "Cache-Control", "max-age=0", "ETag", "\"v1\""));
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("ETag", "W/\"v1\""));
        server.enqueue(new MockResponse().setResponseCode(304));
        get("/same");
        assertEquals(ResponseSource.REVALIDATED, get("/same").source());
        HttpResponse third = get("/same");
        assertEquals(ResponseSource.REVALIDATED, third.source());
        assertEquals("board", third.text());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void a304WithoutADateCountsAsDatedWhenItArrivedSoTheRefreshedCopyIsFresh() {
        long now = System.currentTimeMillis();
        server.enqueue(ok("dated", "Cache-Control", "max-age=600", "Date", httpDate(now), "ETag", "\"d\""));
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("ETag", "\"d\""));
        server.enqueue(ok("refetched", "Cache-Control", "max-age=600"));
        get("/undated-304");
        clock.advance(700, TimeUnit.SECONDS);
        HttpResponse revalidated = get("/undated-304");
        assertEquals(ResponseSource.REVALIDATED, revalidated.source());
        assertEquals(0, revalidated.ageSeconds(), "RFC 9110 section 6.6.1: a message without Date is dated on arrival");
        clock.advance(10, TimeUnit.SECONDS);
        HttpResponse hit = get("/undated-304");
        assertEquals(ResponseSource.CACHE, hit.source());
        assertEquals("dated", hit.text());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void a304WithoutAnAgeLeavesBehindTheAgeTheStoredResponseArrivedWith() {
        server.enqueue(ok("aged", "Cache-Control", "max-age=600", "Age", "500", "ETag", "\"a\""));
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("ETag", "\"a\""));
        server.enqueue(ok("refetched", "Cache-Control", "max-age=600"));
        get("/aged-304");
        clock.advance(120, TimeUnit.SECONDS);
        HttpResponse revalidated = get("/aged-304");
        assertEquals(ResponseSource.REVALIDATED, revalidated.source());
        assertEquals(0, revalidated.ageSeconds(), "the server just confirmed it; the 500 s were the old message's");
        clock.advance(200, TimeUnit.SECONDS);
        HttpResponse hit = get("/aged-304");
        assertEquals(ResponseSource.CACHE, hit.source());
        assertEquals(200, hit.ageSeconds());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void lastModifiedIsSentAsIfModifiedSince() throws Exception {
        String modified = httpDate(System.currentTimeMillis() - 60_000);
        server.enqueue(ok("v1", "Cache-Control", "no-cache", "Last-Modified", modified));
        server.enqueue(new MockResponse().setResponseCode(304));
        get("/m");
        HttpResponse second = get("/m");
        server.takeRequest();
        assertEquals(modified, server.takeRequest().getHeader("If-Modified-Since"));
        assertEquals("v1", second.text());
        assertEquals(ResponseSource.REVALIDATED, second.source());
    }

    @Test
    void newBodyAfterRevalidationReplacesTheStoredOne() {
        server.enqueue(ok("v1", "Cache-Control", "max-age=0", "ETag", "\"1\""));
        server.enqueue(ok("v2", "Cache-Control", "max-age=60", "ETag", "\"2\""));
        get("/v");
        assertEquals("v2", get("/v").text());
        assertEquals("v2", get("/v").text());
        assertEquals(2, server.getRequestCount());
    }

    // ---- directives

    @Test
    void theFirstOfTwoMaxAgesCountsWhetherInOneLineOrTwo() {
        server.enqueue(ok("one line", "Cache-Control", "max-age=60, max-age=3600"));
        server.enqueue(ok("two lines", "Cache-Control", "max-age=60", "Cache-Control", "max-age=3600"));
        server.enqueue(ok("refetched"));
        server.enqueue(ok("refetched"));
        get("/twice");
        get("/twice-lines");
        clock.advance(120, TimeUnit.SECONDS);
        assertEquals("refetched", get("/twice").text());
        assertEquals("refetched", get("/twice-lines").text());
    }

    @Test
    void noStoreResponseIsNeverStored() {
        server.enqueue(ok("secret", "Cache-Control", "no-store, max-age=60"));
        server.enqueue(ok("secret", "Cache-Control", "no-store"));
        get("/s");
        get("/s");
        assertEquals(2, server.getRequestCount());
        assertEquals(null, fileNames(".body"));
    }

    @Test
    void aNotModifiedThatSaysNoStoreConfirmsTheCopyOnceAndRemovesIt() throws Exception {
        long now = System.currentTimeMillis();
        server.enqueue(ok("old policy", "Cache-Control", "no-cache", "ETag", "\"v1\"",
                "Last-Modified", httpDate(now - TimeUnit.DAYS.toMillis(365))));
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("ETag", "\"v1\"")
                .addHeader("Cache-Control", "no-store"));
        server.enqueue(ok("asked again", "Cache-Control", "no-store"));
        get("/policy");
        HttpResponse confirmed = get("/policy");
        assertEquals(ResponseSource.REVALIDATED, confirmed.source());
        assertEquals("old policy", confirmed.text());
        assertEquals("no-store", confirmed.header("Cache-Control"));

        HttpResponse next = get("/policy");
        assertEquals(ResponseSource.NETWORK, next.source(), "the copy a no-store 304 answered was kept and served");
        assertEquals("asked again", next.text());
        assertNull(lastRequest().getHeader("If-None-Match"));
        assertEquals(null, fileNames(".body"));
    }

    @Test
    void aNotModifiedThatSaysVaryStarConfirmsTheCopyOnceAndNoLaterRequestMatchesIt() {
        // RFC 9110 section 15.4.5 has a 304 carry the Vary a 200 would; a stored response whose
        // Vary lists "*" always fails to match (RFC 9111 section 4.1).
        server.enqueue(ok("per request", "Cache-Control", "max-age=0", "ETag", "\"p\""));
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("ETag", "\"p\"")
                .addHeader("Cache-Control", "max-age=600").addHeader("Vary", "*"));
        server.enqueue(ok("asked again", "Cache-Control", "max-age=600", "Vary", "*"));
        get("/vary-star-later");
        HttpResponse confirmed = get("/vary-star-later");
        assertEquals(ResponseSource.REVALIDATED, confirmed.source());
        assertEquals("per request", confirmed.text());

        HttpResponse next = get("/vary-star-later");
        assertEquals(ResponseSource.NETWORK, next.source(), "a copy whose Vary lists * was served");
        assertEquals("asked again", next.text());
    }

    @Test
    void aNotModifiedThatVariesOnAHeaderTheCopyWasNotStoredWithLeavesNoCopyForOtherValuesOfIt() {
        // RFC 9111 section 4.1: a stored response is used only when the headers its Vary names
        // match the request that stored it; the copy was stored without knowing this one's value.
        server.enqueue(ok("english", "Cache-Control", "max-age=0", "ETag", "\"e\""));
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("ETag", "\"e\"")
                .addHeader("Cache-Control", "max-age=600").addHeader("Vary", "Accept-Language"));
        server.enqueue(ok("french", "Cache-Control", "max-age=600", "Vary", "Accept-Language"));
        get(fetch.get(url("/vary-later")).header("Accept-Language", "en"));
        HttpResponse confirmed = get(fetch.get(url("/vary-later")).header("Accept-Language", "en"));
        assertEquals(ResponseSource.REVALIDATED, confirmed.source());
        assertEquals("english", confirmed.text());

        HttpResponse french = get(fetch.get(url("/vary-later")).header("Accept-Language", "fr"));
        assertEquals("french", french.text(), "the English copy answered a request in French");
        assertEquals(ResponseSource.NETWORK, french.source());
    }

    @Test
    void noStoreRequestIsNotStored() {
        server.enqueue(ok("a", "Cache-Control", "max-age=60"));
        server.enqueue(ok("b", "Cache-Control", "max-age=60"));
        get(fetch.get(url("/r")).header("Cache-Control", "no-store"));
        assertEquals("b", get("/r").text());
    }

    @Test
    void aNotModifiedToANoStoreRequestAnswersItWithoutChangingTheStoredCopy() throws Exception {
        // RFC 9111 section 5.2.1.5: no part of a response to a no-store request may be stored.
        server.enqueue(ok("checked", "Cache-Control", "no-cache", "ETag", "\"c\"", "X-Version", "1"));
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("ETag", "\"c\"")
                .addHeader("Cache-Control", "max-age=600").addHeader("X-Version", "2"));
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("ETag", "\"c\""));
        get("/c");
        HttpResponse private304 = get(fetch.get(url("/c")).header("Cache-Control", "no-store"));
        assertEquals(ResponseSource.REVALIDATED, private304.source());
        assertEquals("2", private304.header("X-Version"));

        HttpResponse next = get("/c");
        assertEquals(ResponseSource.REVALIDATED, next.source(), "the no-store request's 304 made the copy fresh");
        assertEquals("1", next.header("X-Version"));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void noCacheResponseIsCheckedWithTheServerEveryTime() throws Exception {
        server.enqueue(ok("n", "Cache-Control", "no-cache, max-age=600", "ETag", "\"n\""));
        server.enqueue(new MockResponse().setResponseCode(304));
        get("/n");
        assertEquals(ResponseSource.REVALIDATED, get("/n").source());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void noCacheRequestRevalidatesAFreshCopy() throws Exception {
        server.enqueue(ok("f", "Cache-Control", "max-age=600", "ETag", "\"f\""));
        server.enqueue(new MockResponse().setResponseCode(304));
        get("/f");
        HttpResponse second = get(fetch.get(url("/f")).header("Cache-Control", "no-cache"));
        assertEquals(ResponseSource.REVALIDATED, second.source());
        assertEquals("\"f\"", lastRequest().getHeader("If-None-Match"));
    }

    @Test
    void maxStaleAcceptsAStaleCopyWithinItsLimitOnly() {
        server.enqueue(ok("s", "Cache-Control", "max-age=10"));
        server.enqueue(ok("t"));
        get("/stale");
        clock.advance(40, TimeUnit.SECONDS);
        HttpResponse within = get(fetch.get(url("/stale")).maxStale(60));
        assertEquals(ResponseSource.CACHE, within.source());
        assertEquals(40, within.ageSeconds());
        HttpResponse beyond = get(fetch.get(url("/stale")).maxStale(20));
        assertEquals("t", beyond.text());
        assertEquals(ResponseSource.NETWORK, beyond.source());
    }

    @Test
    void mustRevalidateForbidsStaleUse() {
        server.enqueue(ok("m", "Cache-Control", "max-age=10, must-revalidate", "Age", "40"));
        server.enqueue(ok("fresh"));
        get("/mr");
        assertEquals("fresh", get(fetch.get(url("/mr")).maxStale(600)).text());
    }

    @Test
    void requestMaxAgeRejectsAnOlderCopy() {
        server.enqueue(ok("o", "Cache-Control", "max-age=600", "Age", "100"));
        server.enqueue(ok("p"));
        get("/ma");
        assertEquals("p", get(fetch.get(url("/ma")).header("Cache-Control", "max-age=50")).text());
    }

    @Test
    void privateResponseIsStoredByThisPrivateCache() {
        server.enqueue(ok("mine", "Cache-Control", "private, max-age=60"));
        get("/p");
        assertEquals(ResponseSource.CACHE, get("/p").source());
    }

    @Test
    void sMaxAgeAloneNeitherStoresNorFreshensAResponseInThisPrivateCache() {
        // RFC 9111 5.2.2.10: s-maxage is for shared caches; a private cache ignores it.
        server.enqueue(ok("forbidden", "Cache-Control", "s-maxage=600").setResponseCode(403));
        server.enqueue(ok("board", "Cache-Control", "s-maxage=600"));
        server.enqueue(ok("board again"));
        get("/forbidden");
        get("/board");

        assertEquals(FailureKind.NOT_CACHED,
                failure(fetch.get(url("/forbidden")).cacheMode(CacheMode.ONLY_IF_CACHED).maxStale(3600)).kind(),
                "a 403 is not cacheable by default, and s-maxage does not make it storable here");
        assertEquals(FailureKind.NOT_CACHED, failure(fetch.get(url("/board")).cacheMode(CacheMode.ONLY_IF_CACHED)).kind(),
                "a 200 kept for offline use, but s-maxage gives it no freshness here");
        assertEquals("board again", get("/board").text());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void proxyRevalidateDoesNotKeepACopyFromUseOffline() throws Exception {
        // RFC 9111 5.2.2.8: proxy-revalidate is must-revalidate for shared caches only.
        server.enqueue(ok("kept", "Cache-Control", "max-age=0, proxy-revalidate"));
        String u = url("/kept");
        get("/kept");
        server.shutdown();

        HttpResponse offline = get(fetch.get(u).staleIfError(true));
        assertEquals("kept", offline.text());
        assertEquals(ResponseSource.STALE_AFTER_ERROR, offline.source());
    }

    @Test
    void privateAloneStoresAResponseOfAStatusNotCacheableByDefault() {
        server.enqueue(ok("forbidden", "Cache-Control", "private").setResponseCode(403));
        get("/forbidden");

        HttpResponse kept = get(fetch.get(url("/forbidden")).cacheMode(CacheMode.ONLY_IF_CACHED).maxStale(3600));
        assertEquals(403, kept.status());
        assertEquals(ResponseSource.CACHE, kept.source());
    }

    @Test
    void statusNotCacheableByDefaultNeedsExplicitFreshness() {
        server.enqueue(ok("teapot").setResponseCode(418));
        server.enqueue(ok("teapot").setResponseCode(418));
        server.enqueue(ok("gone").setResponseCode(404).addHeader("Cache-Control", "max-age=60"));
        get("/418");
        get("/418");
        get("/404");
        assertEquals(404, get("/404").status());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void varyingRequestHeaderMustMatchTheStoredOne() {
        server.enqueue(ok("en", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        server.enqueue(ok("fr", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        get(fetch.get(url("/v")).header("Accept-Language", "en"));
        assertEquals("en", get(fetch.get(url("/v")).header("Accept-Language", "en")).text());
        assertEquals("fr", get(fetch.get(url("/v")).header("Accept-Language", "fr")).text());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aResponseVaryingOnCookieIsNotServedToAnotherSessionsCookieFromTheCookieHandler() {
        CookieHandler before = CookieHandler.getDefault();
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        CookieHandler.setDefault(jar);
        try {
            URI site = URI.create(url("/"));
            jar.getCookieStore().add(site, sessionCookie("alice"));
            server.enqueue(ok("alice's", "Cache-Control", "private, max-age=600", "Vary", "Cookie"));
            server.enqueue(ok("bob's", "Cache-Control", "private, max-age=600", "Vary", "Cookie"));
            assertEquals("alice's", get("/me").text());
            assertEquals("alice's", get("/me").text(), "the same session is answered from the cache");
            jar.getCookieStore().removeAll();
            jar.getCookieStore().add(site, sessionCookie("bob"));
            assertEquals("bob's", get("/me").text());
            assertEquals(2, server.getRequestCount());
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void aResponseVaryingOnCookieIsKeptForTheCookieItsRequestWentWithNotTheOneItSet() {
        // RFC 9111 section 4.1: a stored response matches requests like the one that elicited it.
        // Keyed by the cookie it set, the guest page answered the session that cookie started.
        CookieHandler before = CookieHandler.getDefault();
        CookieHandler.setDefault(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        try {
            server.enqueue(ok("guest's", "Cache-Control", "private, max-age=600", "Vary", "Cookie",
                    "Set-Cookie", "session=alice; Path=/"));
            server.enqueue(ok("alice's", "Cache-Control", "private, max-age=600", "Vary", "Cookie"));
            assertEquals("guest's", get("/me").text());
            assertEquals("alice's", get("/me").text());
            assertEquals(2, server.getRequestCount());
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    @Test
    void theCookieHandlerIsNeverAskedOnTheSendingThreadEvenForAHitHeldInMemory() {
        // The handler may keep its cookies in a file, under a lock its writers hold (networking.md:
        // it is called on the I/O threads), and the thread that sends is the render thread.
        CookieHandler before = CookieHandler.getDefault();
        Thread sender = Thread.currentThread();
        List<String> askedBySender = Collections.synchronizedList(new ArrayList<String>());
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL) {
            @Override
            public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers)
                    throws IOException {
                if (Thread.currentThread() == sender) {
                    askedBySender.add(uri.toString());
                }
                return super.get(uri, headers);
            }
        };
        CookieHandler.setDefault(jar);
        try {
            jar.getCookieStore().add(URI.create(url("/")), sessionCookie("alice"));
            server.enqueue(ok("alice's", "Cache-Control", "private, max-age=600", "Vary", "Cookie"));
            get("/mine-in-memory");
            HttpResponse hit = get("/mine-in-memory");
            assertEquals(ResponseSource.CACHE, hit.source());
            assertEquals("alice's", hit.text());
            assertEquals(Collections.emptyList(), askedBySender);
        } finally {
            CookieHandler.setDefault(before);
        }
    }

    private static HttpCookie sessionCookie(String value) {
        HttpCookie cookie = new HttpCookie("session", value);
        cookie.setPath("/");
        cookie.setVersion(0);
        return cookie;
    }

    @Test
    void severalVariantsOfOneUrlAreKeptAndChosenByTheHeadersVaryNames() {
        server.enqueue(ok("en", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        server.enqueue(ok("fr", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        server.enqueue(ok("none", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        get(fetch.get(url("/v")).header("Accept-Language", "en"));
        get(fetch.get(url("/v")).header("Accept-Language", "fr"));
        get("/v");
        for (int run = 0; run < 2; run++) {
            HttpResponse en = get(fetch.get(url("/v")).header("Accept-Language", "en"));
            assertEquals("en", en.text());
            assertEquals(ResponseSource.CACHE, en.source());
            assertEquals("fr", get(fetch.get(url("/v")).header("Accept-Language", "fr")).text());
            assertEquals("none", get("/v").text(), "a request without the header is a variant of its own");
            // The same again after a restart: the variants are found on disk.
            restartOnTheSameFolder();
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void variantsOfOneUrlAreBoundedAndTheLeastRecentlyStoredGoes() {
        int count = 9;
        for (int i = 0; i < count; i++) {
            server.enqueue(ok("lang" + i, "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
            get(fetch.get(url("/many")).header("Accept-Language", "l" + i));
        }
        server.enqueue(ok("lang0 again", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        for (int i = count - 1; i >= 1; i--) {
            assertEquals("lang" + i, get(fetch.get(url("/many")).header("Accept-Language", "l" + i)).text());
        }
        assertEquals(count, server.getRequestCount(), "eight variants answered from the cache");
        assertEquals("lang0 again", get(fetch.get(url("/many")).header("Accept-Language", "l0")).text());
        restartOnTheSameFolder();
        assertEquals(ResponseSource.CACHE,
                get(fetch.get(url("/many")).header("Accept-Language", "l0")).source());
        String[] bodies = dir().list((d, n) -> n.endsWith(".body"));
        assertEquals(9, bodies.length, "eight variants and the marker listing them");
    }

    @Test
    void varyStarNeverMatches() {
        server.enqueue(ok("1", "Cache-Control", "max-age=60", "Vary", "*"));
        server.enqueue(ok("2", "Cache-Control", "max-age=60", "Vary", "*"));
        get("/star");
        assertEquals("2", get("/star").text());
    }

    @Test
    void varyListingStarAmongOtherNamesNeverMatchesEither() {
        server.enqueue(ok("1", "Cache-Control", "max-age=60", "Vary", "Accept-Language, *"));
        server.enqueue(ok("2", "Cache-Control", "max-age=60", "Vary", "Accept-Language", "Vary", "*"));
        server.enqueue(ok("3", "Cache-Control", "max-age=60"));
        get("/star-list");
        assertEquals("2", get("/star-list").text());
        assertEquals("3", get("/star-list").text());
    }

    @Test
    void successfulPostInvalidatesTheUrlsEntry() {
        server.enqueue(ok("before", "Cache-Control", "max-age=600"));
        server.enqueue(ok("posted"));
        server.enqueue(ok("after", "Cache-Control", "max-age=600"));
        get("/scores");
        get(fetch.post(url("/scores"), RequestBody.text("42")));
        assertEquals("after", get("/scores").text());
        assertEquals(3, server.getRequestCount());
    }

    // ---- per-request modes

    @Test
    void oneUrlWrittenWithTheDefaultPortOrAnotherCaseIsOneEntry() {
        // cache.test is reached through the scripted server as an HTTP proxy, so port 80 is never bound.
        ProxySelector previous = ProxySelector.getDefault();
        Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(server.getHostName(), server.getPort()));
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return Collections.singletonList("cache.test".equalsIgnoreCase(uri.getHost()) ? proxy : Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        });
        try {
            server.enqueue(ok("one", "Cache-Control", "max-age=600"));
            server.enqueue(ok("posted"));
            server.enqueue(ok("two", "Cache-Control", "max-age=600"));
            assertEquals(ResponseSource.NETWORK, get(fetch.get("http://cache.test/key")).source());
            assertEquals(ResponseSource.CACHE, get(fetch.get("http://cache.test:80/key")).source());
            assertEquals(ResponseSource.CACHE, get(fetch.get("HTTP://Cache.TEST/key#part")).source());
            assertEquals(1, server.getRequestCount());

            // RFC 9111 section 4.4: the unsafe request's target is the same URI, so it invalidates the entry.
            get(fetch.post("http://CACHE.test:80/key", RequestBody.text("x")));
            assertEquals("two", get(fetch.get("http://cache.test/key")).text());
            assertEquals(3, server.getRequestCount());
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    @Test
    void forceNetworkSkipsAFreshCopyAndReplacesIt() throws Exception {
        server.enqueue(ok("one", "Cache-Control", "max-age=600", "ETag", "\"1\""));
        server.enqueue(ok("two", "Cache-Control", "max-age=600"));
        get("/force");
        assertEquals("two", get(fetch.get(url("/force")).cacheMode(CacheMode.FORCE_NETWORK)).text());
        assertNull(lastRequest().getHeader("If-None-Match"), "a forced load sends no condition");
        assertEquals("two", get("/force").text());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void onlyIfCachedMissFailsAsNotCachedWithoutTheNetwork() {
        FetchException e = failure(fetch.get(url("/none")).cacheMode(CacheMode.ONLY_IF_CACHED));
        assertEquals(FailureKind.NOT_CACHED, e.kind());
        assertTrue(e.getMessage().contains("not in the HTTP cache"), e.getMessage());
        assertTrue(e.getMessage().contains(url("/none")), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void onlyIfCachedAnswersFromAFreshCopyAndRefusesAStaleOne() {
        server.enqueue(ok("fresh", "Cache-Control", "max-age=600"));
        server.enqueue(ok("stale", "Cache-Control", "max-age=0"));
        get("/fresh");
        get("/stale");
        assertEquals("fresh", get(fetch.get(url("/fresh")).cacheMode(CacheMode.ONLY_IF_CACHED)).text());
        assertEquals(FailureKind.NOT_CACHED, failure(fetch.get(url("/stale")).cacheMode(CacheMode.ONLY_IF_CACHED)).kind());
        assertEquals(ResponseSource.CACHE,
                get(fetch.get(url("/stale")).cacheMode(CacheMode.ONLY_IF_CACHED).maxStale(3600)).source());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void onlyIfCachedWithoutACacheFailsAsNotCached() {
        use(FetchConfig.builder().build());
        assertEquals(FailureKind.NOT_CACHED, failure(fetch.get(url("/x")).cacheMode(CacheMode.ONLY_IF_CACHED)).kind());
        assertEquals(0, server.getRequestCount());
    }

    // ---- offline

    @Test
    void staleCopyAnswersWhenTheServerIsGoneIfTheRequestAllowsIt() throws Exception {
        server.enqueue(ok("last board", "Cache-Control", "max-age=0", "Age", "180"));
        String board = url("/board");
        get("/board");
        server.shutdown();

        FetchException refused = failure(fetch.get(board));
        assertEquals(FailureKind.CONNECT_REFUSED, refused.kind());

        HttpResponse offline = get(fetch.get(board).staleIfError(true));
        assertEquals("last board", offline.text());
        assertEquals(ResponseSource.STALE_AFTER_ERROR, offline.source());
        assertTrue(offline.ageSeconds() >= 180, "age " + offline.ageSeconds());
    }

    @Test
    void staleCopyAnswersA503IfTheRequestAllowsIt() {
        server.enqueue(ok("kept", "Cache-Control", "max-age=0"));
        server.enqueue(ok("down").setResponseCode(503));
        server.enqueue(ok("down").setResponseCode(503));
        get("/k");
        assertEquals(503, get("/k").status());
        HttpResponse stale = get(fetch.get(url("/k")).staleIfError(true));
        assertEquals("kept", stale.text());
        assertEquals(ResponseSource.STALE_AFTER_ERROR, stale.source());
    }

    @Test
    void staleCopyAnswersAStatusAbove599AsItAnswersA5xx() {
        // RFC 9110 section 15: a client handles a code outside 100-599 as a 5xx.
        server.enqueue(ok("kept", "Cache-Control", "max-age=0"));
        server.enqueue(ok("beyond").setStatus("HTTP/1.1 600 Beyond"));
        server.enqueue(ok("beyond").setStatus("HTTP/1.1 999 Far Beyond"));
        get("/k");
        HttpResponse plain = get("/k");
        assertEquals(600, plain.status());
        assertEquals("beyond", plain.text());
        HttpResponse stale = get(fetch.get(url("/k")).staleIfError(true));
        assertEquals("kept", stale.text());
        assertEquals(ResponseSource.STALE_AFTER_ERROR, stale.source());
    }

    @Test
    void responseWithoutCachingHeadersIsStillKeptForOfflineUse() throws Exception {
        server.enqueue(ok("plain"));
        server.enqueue(ok("plain again"));
        String u = url("/plain");
        get("/plain");
        assertEquals("plain again", get("/plain").text(), "no freshness: every use goes to the server");
        server.shutdown();
        assertEquals("plain again", get(fetch.get(u).staleIfError(true)).text());
    }

    @Test
    void mustRevalidateCopyIsNotUsedOffline() throws Exception {
        server.enqueue(ok("strict", "Cache-Control", "max-age=0, must-revalidate"));
        String u = url("/strict");
        get("/strict");
        server.shutdown();
        assertEquals(FailureKind.CONNECT_REFUSED, failure(fetch.get(u).staleIfError(true)).kind());
    }

    @Test
    void cacheWorksTheSameOverTheGdxNetTransport() throws Exception {
        HeadlessApplication app = new HeadlessApplication(new ApplicationAdapter() { }, new HeadlessApplicationConfiguration());
        try {
            use(cached(1 << 20).transport(Transports.gdxNet()).build());
            server.enqueue(ok("over gdx.net", "Cache-Control", "max-age=0", "ETag", "\"g\""));
            server.enqueue(new MockResponse().setResponseCode(304).addHeader("Cache-Control", "max-age=60"));
            String u = url("/g");
            assertEquals(ResponseSource.NETWORK, get("/g").source());
            HttpResponse revalidated = get("/g");
            assertEquals(ResponseSource.REVALIDATED, revalidated.source());
            assertEquals("over gdx.net", revalidated.text());
            assertEquals(ResponseSource.CACHE, get("/g").source());
            server.shutdown();
            assertEquals(ResponseSource.CACHE, get(fetch.get(u).cacheMode(CacheMode.ONLY_IF_CACHED)).source());
            assertEquals(2, server.getRequestCount());
        } finally {
            app.exit();
        }
    }

    // ---- disk

    @Test
    void entriesSurviveARestartOnTheSameFolder() {
        server.enqueue(ok("persisted", "Cache-Control", "max-age=600"));
        get("/p");
        use(cached(1 << 20).build());
        HttpResponse hit = get("/p");
        assertEquals("persisted", hit.text());
        assertEquals(ResponseSource.CACHE, hit.source());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void corruptEntryIsDiscardedAndRefetchedNeverDelivered() throws Exception {
        // No bodies in memory: every hit reads the file, so the damage is met within one run.
        use(cached(1 << 20).httpCacheMemory(0).build());
        server.enqueue(ok("original body", "Cache-Control", "max-age=600"));
        server.enqueue(ok("refetched", "Cache-Control", "max-age=600"));
        get("/c");
        File body = onlyFile(".body");
        try (RandomAccessFile f = new RandomAccessFile(body, "rw")) {
            f.seek(3);
            int b = f.read();
            f.seek(3);
            f.write(b ^ 0x20);
        }
        HttpResponse second = get("/c");
        assertEquals("refetched", second.text());
        assertEquals(ResponseSource.NETWORK, second.source());
        assertEquals("refetched", get("/c").text());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void truncatedEntryIsDiscardedAndRefetched() throws Exception {
        server.enqueue(ok("a body long enough to cut", "Cache-Control", "max-age=600"));
        server.enqueue(ok("whole again", "Cache-Control", "max-age=600"));
        get("/t");
        try (RandomAccessFile f = new RandomAccessFile(onlyFile(".body"), "rw")) {
            f.setLength(5);
        }
        restartOnTheSameFolder();
        assertEquals(FailureKind.NOT_CACHED, failure(fetch.get(url("/t")).cacheMode(CacheMode.ONLY_IF_CACHED)).kind());
        assertEquals("whole again", get("/t").text());
    }

    @Test
    void damagedMetadataIsDiscarded() throws Exception {
        server.enqueue(ok("m", "Cache-Control", "max-age=600"));
        server.enqueue(ok("n", "Cache-Control", "max-age=600"));
        get("/meta");
        File meta = onlyFile(".meta");
        java.nio.file.Files.writeString(meta.toPath(),
                java.nio.file.Files.readString(meta.toPath()).replaceAll("x\\.status=200", "x.status=abc"));
        restartOnTheSameFolder();
        assertEquals("n", get("/meta").text());
    }

    @Test
    void metadataWhoseStatusIsNoStatusCodeIsDiscardedAndRefetched() throws Exception {
        server.enqueue(ok("m", "Cache-Control", "max-age=600"));
        server.enqueue(ok("n", "Cache-Control", "max-age=600"));
        get("/status");
        File meta = onlyFile(".meta");
        java.nio.file.Files.writeString(meta.toPath(),
                java.nio.file.Files.readString(meta.toPath()).replaceAll("x\\.status=200", "x.status=000"));
        restartOnTheSameFolder();
        HttpResponse refetched = get("/status");
        assertEquals("n", refetched.text());
        assertEquals(ResponseSource.NETWORK, refetched.source());
    }

    @Test
    void leastRecentlyUsedEntryIsEvictedWhenTheBytesRunOut() {
        String body = "x".repeat(4000);
        use(cached(11_000).build());
        for (String path : new String[] {"/a", "/b", "/c"}) {
            server.enqueue(ok(body, "Cache-Control", "max-age=600"));
        }
        server.enqueue(ok(body, "Cache-Control", "max-age=600"));
        get("/a");
        get("/b");
        long past = System.currentTimeMillis() - 60_000;
        for (File f : dir().listFiles()) {
            assertTrue(f.setLastModified(past));
        }
        assertEquals(ResponseSource.CACHE, get("/a").source(), "using a marks it recent");
        get("/c");
        assertEquals(ResponseSource.CACHE, get("/a").source());
        assertEquals(ResponseSource.CACHE, get("/c").source());
        assertEquals(ResponseSource.NETWORK, get("/b").source(), "b was used longest ago");
        assertEquals(4, server.getRequestCount());
        long total = 0;
        for (File f : dir().listFiles()) {
            total += f.length();
        }
        assertTrue(total <= 11_000, "folder holds " + total + " bytes");
    }

    @Test
    void entryEvictedFromDiskIsNotAnsweredFromMemoryEither() {
        // Three 1,500-byte bodies fit the memory layer (bounded by the disk's 5,000) but not the disk.
        use(cached(5_000).build());
        String body = "e".repeat(1_500);
        for (int i = 0; i < 4; i++) {
            server.enqueue(ok(body, "Cache-Control", "max-age=600"));
        }
        get("/a");
        get("/b");
        assertEquals(ResponseSource.CACHE, get("/a").source(), "using a marks it recent");
        get("/c");
        assertEquals(ResponseSource.CACHE, get("/a").source());
        assertEquals(ResponseSource.CACHE, get("/c").source());
        assertEquals(ResponseSource.NETWORK, get("/b").source(), "b left the disk, so memory forgot it");
        assertEquals(4, server.getRequestCount());
        long total = 0;
        for (File f : dir().listFiles()) {
            total += f.length();
        }
        assertTrue(total <= 5_000, "folder holds " + total + " bytes");
    }

    @Test
    void bodyLargerThanTheWholeBoundIsNotStoredAndTheOlderCopyGoes() {
        use(cached(8_000).build());
        server.enqueue(ok("small", "Cache-Control", "max-age=600"));
        server.enqueue(ok("x".repeat(9_000), "Cache-Control", "max-age=600"));
        get("/grows");
        HttpResponse large = get(fetch.get(url("/grows")).cacheMode(CacheMode.FORCE_NETWORK));
        assertEquals(9_000, large.body().length, "still delivered");
        assertEquals(FailureKind.NOT_CACHED,
                failure(fetch.get(url("/grows")).cacheMode(CacheMode.ONLY_IF_CACHED)).kind());
    }

    @Test
    void lookupAndDecodeRunOnTheSocketTransportsIoThreads() {
        server.enqueue(ok("hit me", "Cache-Control", "max-age=600"));
        get("/thread");
        Thread decodedOn = decodedHitThread("/thread", "hit me");
        assertTrue(decodedOn.getName().startsWith("gdx-fetch-io-"), decodedOn.getName());
    }

    @Test
    void lookupAndDecodeRunOnTheCachesOwnThreadsOverGdxNet() {
        HeadlessApplication app = new HeadlessApplication(new ApplicationAdapter() { }, new HeadlessApplicationConfiguration());
        try {
            use(cached(1 << 20).transport(Transports.gdxNet()).build());
            server.enqueue(ok("hit me", "Cache-Control", "max-age=600"));
            get("/thread");
            Thread decodedOn = decodedHitThread("/thread", "hit me");
            assertTrue(decodedOn.getName().startsWith("gdx-fetch-cache-"), decodedOn.getName());
        } finally {
            app.exit();
        }
    }

    /** Sends a GET that must be a hit through a decoder; the thread the decoder ran on, never the render thread. */
    private Thread decodedHitThread(String path, String expected) {
        Thread[] decodedOn = new Thread[1];
        Recorder<String> callback = new Recorder<>();
        FetchHandle<String> handle = fetch.get(url(path)).send(response -> {
            decodedOn[0] = Thread.currentThread();
            assertEquals(ResponseSource.CACHE, response.source());
            return response.text();
        }, callback);
        Frames.untilDone(fetch, handle);
        assertEquals(expected, callback.result);
        assertEquals(Thread.currentThread(), callback.thread, "the callback runs on the render thread");
        assertNotEquals(Thread.currentThread(), decodedOn[0]);
        return decodedOn[0];
    }

    @Test
    void configRejectsAReadOnlyFolderAndANonPositiveBound() {
        IllegalArgumentException readOnly = assertThrows(IllegalArgumentException.class,
                () -> FetchConfig.builder().httpCache(new FileHandle("cache") {
                    @Override
                    public FileType type() {
                        return FileType.Internal;
                    }
                }, 1000));
        assertTrue(readOnly.getMessage().contains("read-only"), readOnly.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FetchConfig.builder().httpCache(null, 1000));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> FetchConfig.builder().httpCache(new FileHandle(dir()), 0));
        assertTrue(zero.getMessage().contains("httpCache"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fetch.get(url("/x")).maxStale(-1));
        assertThrows(IllegalArgumentException.class, () -> fetch.get(url("/x")).cacheMode(null));
    }

    // ---- RFC 9111 details

    @Test
    void pragmaNoCacheInARequestWithoutCacheControlRevalidatesAFreshCopy() throws Exception {
        server.enqueue(ok("f", "Cache-Control", "max-age=600", "ETag", "\"f\""));
        server.enqueue(new MockResponse().setResponseCode(304));
        get("/pragma");
        HttpResponse second = get(fetch.get(url("/pragma")).header("Pragma", "no-cache"));
        assertEquals(ResponseSource.REVALIDATED, second.source(), "RFC 9111 section 5.4");
        assertEquals(ResponseSource.CACHE,
                get(fetch.get(url("/pragma")).header("Pragma", "no-cache").header("Cache-Control", "max-stale=5")).source(),
                "with Cache-Control present, Pragma is not read");
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aRequestMaxAgeOfZeroAlwaysAsksTheServerEvenForACopyOfAgeZero() {
        // Dated ahead of the clock, so its age is exactly zero.
        server.enqueue(ok("a", "Cache-Control", "max-age=600", "Date", httpDate(System.currentTimeMillis() + 60_000)));
        server.enqueue(ok("b", "Cache-Control", "max-age=600"));
        get("/zero");
        assertEquals("b", get(fetch.get(url("/zero")).header("Cache-Control", "max-age=0")).text());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void onlyIfCachedInTheRequestsHeadersNeverReachesTheNetworkEvenWithoutACache() {
        use(FetchConfig.builder().build());
        server.enqueue(ok("from the network"));
        FetchException e = failure(fetch.get(url("/x")).header("Cache-Control", "only-if-cached"));
        assertEquals(FailureKind.NOT_CACHED, e.kind());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void onlyIfCachedInTheRequestsHeadersNeverReachesTheNetworkForARangeEither() {
        server.enqueue(ok("from the network"));
        FetchException e = failure(fetch.get(url("/x")).header("Cache-Control", "only-if-cached").header("Range", "bytes=0-1"));
        assertEquals(FailureKind.NOT_CACHED, e.kind());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void varyValuesThatDifferOnlyInWhitespaceAroundCommasMatch() {
        server.enqueue(ok("en-fr", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        server.enqueue(ok("en-fr again", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        get(fetch.get(url("/langs")).header("Accept-Language", "en, fr"));
        assertEquals(ResponseSource.CACHE, get(fetch.get(url("/langs")).header("Accept-Language", "en,fr")).source());
        assertEquals(ResponseSource.CACHE, get(fetch.get(url("/langs")).header("Accept-Language", " en ,  fr ")).source());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void mustUnderstandStoresAnUnderstoodStatusDespiteNoStoreAndNoOtherStatus() {
        server.enqueue(ok("kept", "Cache-Control", "max-age=60, must-understand, no-store"));
        server.enqueue(ok("odd", "Cache-Control", "max-age=60, must-understand").setStatus("HTTP/1.1 299 Odd"));
        server.enqueue(ok("odd again").setStatus("HTTP/1.1 299 Odd"));
        get("/mu");
        assertEquals(ResponseSource.CACHE, get("/mu").source(), "RFC 9111 section 5.2.2.3: no-store is ignored");
        get("/odd");
        assertEquals("odd again", get("/odd").text(), "a status this cache does not understand is not stored");
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void successfulPostInvalidatesItsSameOriginLocationAndContentLocation() throws Exception {
        okhttp3.mockwebserver.MockWebServer other = new okhttp3.mockwebserver.MockWebServer();
        other.start();
        try {
            server.enqueue(ok("item", "Cache-Control", "max-age=600"));
            server.enqueue(ok("view", "Cache-Control", "max-age=600"));
            other.enqueue(ok("elsewhere", "Cache-Control", "max-age=600"));
            server.enqueue(ok("created").setResponseCode(201).addHeader("Location", "items/7")
                    .addHeader("Content-Location", url("/view?id=7")));
            server.enqueue(ok("moved").setResponseCode(201).addHeader("Location", other.url("/else").toString()));
            server.enqueue(ok("item again", "Cache-Control", "max-age=600"));
            server.enqueue(ok("view again", "Cache-Control", "max-age=600"));
            get("/api/items/7");
            get("/view?id=7");
            get(fetch.get(other.url("/else").toString()));
            get(fetch.post(url("/api/add"), RequestBody.text("7")));
            get(fetch.post(url("/api/move"), RequestBody.text("7")));
            assertEquals("item again", get("/api/items/7").text(), "the Location, resolved against the request");
            assertEquals("view again", get("/view?id=7").text(), "the Content-Location");
            assertEquals(ResponseSource.CACHE, get(fetch.get(other.url("/else").toString())).source(),
                    "another origin's entry is not invalidated (RFC 9111 section 4.4)");
            assertEquals(1, other.getRequestCount());
        } finally {
            other.shutdown();
        }
    }

    @Test
    void failedPostInvalidatesNeitherItsUrlNorItsLocation() {
        server.enqueue(ok("item", "Cache-Control", "max-age=600"));
        server.enqueue(ok("refused").setResponseCode(409).addHeader("Location", url("/item")));
        server.enqueue(ok("broken").setResponseCode(500).addHeader("Content-Location", url("/item")));
        get("/item");
        get(fetch.post(url("/item"), RequestBody.text("x")));
        get(fetch.request("DELETE", url("/item")));
        assertEquals(ResponseSource.CACHE, get("/item").source());
    }

    @Test
    void hopByHopFieldsAreNeitherStoredNorTakenFromA304() {
        server.enqueue(ok("hop", "Cache-Control", "max-age=0", "ETag", "\"h\"", "Connection", "X-Trace",
                "X-Trace", "first", "Keep-Alive", "timeout=5", "X-End", "kept").setChunkedBody("hop", 2));
        server.enqueue(new MockResponse().setResponseCode(304).addHeader("Cache-Control", "max-age=60")
                .addHeader("Connection", "X-Route").addHeader("X-Route", "edge").addHeader("Content-Length", "0"));
        get("/hop");
        HttpResponse revalidated = get("/hop");
        assertEquals(ResponseSource.REVALIDATED, revalidated.source());
        HttpResponse hit = get("/hop");
        assertEquals(ResponseSource.CACHE, hit.source());
        assertEquals("hop", hit.text());
        for (HttpResponse r : new HttpResponse[] {revalidated, hit}) {
            assertNull(r.header("Connection"), "RFC 9111 section 3.1");
            assertNull(r.header("X-Trace"), "named by Connection");
            assertNull(r.header("X-Route"), "named by the 304's Connection");
            assertNull(r.header("Keep-Alive"));
            assertNull(r.header("Transfer-Encoding"));
            assertNull(r.header("Content-Length"), "a 304's Content-Length describes no body of the stored one");
            assertEquals("kept", r.header("X-End"));
        }
    }

    @Test
    void aResponseToAuthorizationIsStoredAndAnswersOnlyTheSameCredentials() throws Exception {
        server.enqueue(ok("alice's", "Cache-Control", "private, max-age=60"));
        server.enqueue(ok("bob's", "Cache-Control", "private, max-age=60"));
        server.enqueue(ok("anyone's", "Cache-Control", "max-age=60"));
        server.enqueue(ok("plain", "Cache-Control", "max-age=60"));
        get(fetch.get(url("/me")).header("Authorization", "Bearer alice-token"));
        assertEquals(ResponseSource.CACHE,
                get(fetch.get(url("/me")).header("Authorization", "Bearer alice-token")).source(),
                "RFC 9111 section 3.5 restricts only shared caches");
        assertEquals("bob's", get(fetch.get(url("/me")).header("Authorization", "Bearer bob-token")).text());
        assertEquals("alice's", get(fetch.get(url("/me")).header("Authorization", "Bearer alice-token")).text());
        assertEquals("anyone's", get("/me").text(), "a request without credentials is not answered with someone's");
        get(fetch.get(url("/plain")).header("Authorization", "Bearer alice-token"));
        assertEquals(ResponseSource.CACHE,
                get(fetch.get(url("/plain")).header("Authorization", "Bearer alice-token")).source(),
                "no public, s-maxage or must-revalidate needed");
        assertEquals(4, server.getRequestCount());
        for (String name : dir().list()) {
            byte[] bytes = java.nio.file.Files.readAllBytes(new File(dir(), name).toPath());
            assertTrue(!new String(bytes, "ISO-8859-1").contains("alice-token"), "credentials written to " + name);
        }
    }

    /** A new manager on the folder: the old one holds what it stored in memory, out of the damage's reach. */
    private void restartOnTheSameFolder() {
        use(cached(1 << 20).build());
    }

    private File onlyFile(String suffix) {
        String[] names = fileNames(suffix);
        assertNotNull(names);
        assertEquals(1, names.length);
        return new File(dir(), names[0]);
    }

    /** The names in the cache folder ending in {@code suffix}, or null when there are none. */
    private String[] fileNames(String suffix) {
        String[] names = dir().list((d, name) -> name.endsWith(suffix));
        return names == null || names.length == 0 ? null : names;
    }
}
