package com.gdxfetch.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * A scripted loopback server side that answers by path, so concurrent requests get the right
 * file, and records every request it received.
 */
final class Server extends Dispatcher {
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> received = new ArrayList<>();

    /** Serves {@code body} at {@code path} with an ETag, answering 304 when the client has it. */
    Server file(String path, byte[] body, String etag) {
        routes.put(path, request -> {
            if (etag.equals(request.getHeader("If-None-Match"))) {
                return new MockResponse().setResponseCode(304).setHeader("ETag", etag);
            }
            return new MockResponse().setHeader("ETag", etag).setBody(new Buffer().write(body));
        });
        return this;
    }

    /** Answers requests for {@code path} with whatever {@code answer} makes. */
    Server route(String path, Function<RecordedRequest, MockResponse> answer) {
        routes.put(path, answer);
        return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        synchronized (this) {
            received.add(request);
        }
        Function<RecordedRequest, MockResponse> answer = routes.get(request.getPath());
        return answer != null ? answer.apply(request) : new MockResponse().setResponseCode(404);
    }

    /** Requests received for {@code path}, oldest first. */
    synchronized List<RecordedRequest> requests(String path) {
        List<RecordedRequest> matching = new ArrayList<>();
        for (RecordedRequest r : received) {
            if (r.getPath().equals(path)) {
                matching.add(r);
            }
        }
        return matching;
    }
}
