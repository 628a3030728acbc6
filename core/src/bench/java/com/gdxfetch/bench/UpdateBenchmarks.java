package com.gdxfetch.bench;

import com.badlogic.gdx.utils.Json;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.internal.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks of what {@link FetchManager#update()} costs the render thread, and of the JSON
 * decoder's work on a worker.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UpdateBenchmarks {
    /** Completions queued before each delivery measurement. */
    public static final int BATCH = 1_000;

    /** A manager on the default transport with nothing sent: what most frames see. */
    @State(Scope.Thread)
    public static class Idle {
        FetchManager fetch;

        @Setup(Level.Trial)
        public void create() {
            fetch = new FetchManager();
        }

        @TearDown(Level.Trial)
        public void dispose() {
            fetch.dispose();
        }
    }

    /** A manager whose transport answers at once, refilled with {@link #BATCH} completions before each call. */
    @State(Scope.Thread)
    public static class Loaded {
        FetchManager fetch;
        HttpRequest request;
        final FetchCallback<HttpResponse> ignore = new FetchCallback<HttpResponse>() {
            @Override
            public void onSuccess(HttpResponse result, HttpResponse response) {
            }

            @Override
            public void onFailure(FetchException failure) {
                throw failure;
            }
        };

        @Setup(Level.Trial)
        public void create() {
            fetch = new FetchManager(FetchConfig.builder().transport(new InstantTransport())
                    .maxRequests(BATCH).maxRequestsPerHost(BATCH).build());
            request = HttpRequest.get("http://127.0.0.1:9/scores").build();
        }

        @Setup(Level.Invocation)
        public void fill() {
            for (int i = 0; i < BATCH; i++) {
                fetch.send(request, Decoders.response(), ignore);
            }
        }

        @TearDown(Level.Trial)
        public void dispose() {
            fetch.dispose();
        }
    }

    /** The frame benchmark's 4 KiB leaderboard document and a reader like {@code Decoders.json}'s. */
    @State(Scope.Thread)
    public static class Document {
        final byte[] body = Leaderboard.sample(4096);
        final Json json = new Json();

        @Setup(Level.Trial)
        public void create() {
            json.setIgnoreUnknownFields(true);
        }
    }

    /** {@code Decoders.json(Leaderboard.class)}'s work on a worker: strict JSON read straight into objects. */
    @Benchmark
    public Leaderboard decodeJson(Document state) {
        return JsonBodies.read(state.json, Leaderboard.class, null, state.body, StandardCharsets.UTF_8);
    }

    /** The same document through libGDX's JsonValue tree and {@code Json.readValue}, the decoder's fallback. */
    @Benchmark
    public Leaderboard decodeJsonThroughLibgdxTree(Document state) {
        return state.json.readValue(Leaderboard.class, null, JsonBodies.parse(state.body, StandardCharsets.UTF_8));
    }

    /** One frame's {@code update()} with nothing to deliver. */
    @Benchmark
    public boolean idleUpdate(Idle state) {
        return state.fetch.update();
    }

    /** One {@code update()} delivering {@link #BATCH} completions to an empty callback; reported per completion. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean deliverCompletions(Loaded state) {
        boolean open = state.fetch.update(1_000);
        if (state.fetch.openCount() != 0) {
            throw new IllegalStateException(state.fetch.openCount() + " completions left undelivered");
        }
        return open;
    }
}
